// Flow 4: the skip link comes first, and signing in needs nothing but a keyboard.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkA11y, hearthSuite, pathOf, submit, visit } from '../lib/browser.js';
import { ADMIN } from '../lib/server.js';

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, href: el.getAttribute('href'), type: el.getAttribute('type'), text: el.textContent.trim() } : null;
  });

hearthSuite('keyboard use', (env) => {
  it('focuses the skip link on the first Tab, and it is visible then', async () => {
    const page = await env.newPage();
    await visit(page, '/signin');
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.equal(f.tag, 'a');
    assert.ok(f.cls.includes('skip-link'), `first Tab should reach the skip link, reached ${JSON.stringify(f)}`);
    assert.equal(f.href, '#main');
    const box = await page.locator('a.skip-link').boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 1 && box.height > 1, `the focused skip link is on screen: ${JSON.stringify(box)}`);
    await checkA11y(page, '/signin with the skip link focused');
  });

  it('signs in with the keyboard only', async () => {
    const page = await env.newPage();
    await visit(page, '/signin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // follow the skip link to <main>
    // Following an in-page link updates the URL after the key event returns; wait for it
    // rather than reading the URL at once (the first CI run lost this race).
    await page.waitForFunction(() => location.hash === '#main', null, { timeout: 5000 });
    assert.equal(new URL(page.url()).hash, '#main');
    await page.keyboard.press('Tab');
    let f = await focused(page);
    assert.equal(f.id, 'f-email', `after skipping to main, Tab should reach the email field, reached ${JSON.stringify(f)}`);
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.id, 'f-password', `Tab from email should reach the password field, reached ${JSON.stringify(f)}`);
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.tag, 'button', `Tab from password should reach the submit button, reached ${JSON.stringify(f)}`);
    assert.equal(f.text, 'Sign in');
    await submit(page, () => page.keyboard.press('Enter'), 'keyboard sign-in');
    assert.equal(pathOf(page), '/', `keyboard sign-in should land on /, got ${page.url()}`);
    assert.equal(await page.locator('header nav form[action="/signout"]').count(), 1, 'signed in');
    assert.ok((await page.locator('main h1').textContent()).includes(ADMIN.name));
  });
});

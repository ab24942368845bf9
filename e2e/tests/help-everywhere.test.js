// Flow 3: from every public page, the header's "Get help now" link reaches the crisis lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hearthSuite, pathOf, submit, visit } from '../lib/browser.js';
import { HANGUL, ftlPath, message } from '../lib/i18n.js';

const PUBLIC_PAGES = [
  { path: '/', status: 200 },
  { path: '/signin', status: 200 },
  { path: '/reset', status: 200 },
  { path: '/help', status: 200 },
  { path: '/invite/nope', status: 410 },
  { path: '/no-such-page', status: 404 },
];

async function expectCrisisLines(page) {
  assert.equal(pathOf(page), '/help', `expected to land on /help, got ${page.url()}`);
  const main = page.getByRole('main');
  for (const number of ['988', '109']) {
    const call = main.locator(`a[href="tel:${number}"]`);
    assert.equal(await call.count(), 1, `one call link to tel:${number}`);
    assert.ok(await call.isVisible(), `the call link for ${number} is visible`);
    assert.ok((await call.textContent()).includes(number), `the call link shows ${number}`);
  }
  const tels = await main.locator('a[href^="tel:"]').count();
  assert.ok(tels >= 2, `tel: links on /help: ${tels}`);
}

hearthSuite('help is one click away while signed out', (env) => {
  describe('the header link "Get help now"', () => {
    for (const { path, status } of PUBLIC_PAGES) {
      it(`leads from ${path} to /help`, async () => {
        const page = await env.newPage();
        const res = await visit(page, path);
        assert.equal(res.status(), status, `status of ${path}`);
        const link = page.getByRole('banner').getByRole('link', { name: 'Get help now', exact: true });
        assert.equal(await link.count(), 1, `one "Get help now" link in the header of ${path}`);
        assert.equal(await link.getAttribute('href'), '/help');
        const helpRes = await submit(page, () => link.click(), `"Get help now" from ${path}`);
        assert.equal(helpRes.status(), 200);
        await expectCrisisLines(page);
      });
    }
  });

  it('works in Korean too, with the practice region first and the Korean lines listed', async () => {
    const page = await env.newPage();
    await visit(page, '/signin');
    await submit(page, () => page.getByRole('banner').getByRole('button', { name: '한국어' }).click(), 'switch to Korean');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    const expected = message('ko', 'get-help-now');
    assert.ok(expected, `${ftlPath('ko')} has no message "get-help-now"`);
    const link = page.getByRole('banner').locator('a[href="/help"]');
    const text = (await link.textContent()).trim();
    assert.match(text, HANGUL, `the header help link should be Korean, is "${text}"`);
    assert.equal(text, expected);
    await submit(page, () => link.click(), '"Get help now" in Korean');
    await expectCrisisLines(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    const firstCountry = await page.locator('main section.help-country h2').first().getAttribute('id');
    // Emergency numbers depend on where a person is, not on the language they read: the
    // practice's region (US unless an admin changes it) comes first, and Korea's lines follow.
    assert.equal(firstCountry, 'country-US', 'the practice region comes first');
    assert.equal(await page.locator('main section.help-country h2#country-KR').count(), 1, 'the Korean lines are listed');
  });
});

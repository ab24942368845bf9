// Flow 2: a failed sign-in says so in an alert, keeps the email, and the page stays accessible.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, pathOf, submit, visit } from '../lib/browser.js';
import { ADMIN } from '../lib/server.js';
import { message } from '../lib/i18n.js';

hearthSuite('failed sign-in', (env) => {
  it('shows an alert for a wrong password and keeps the email typed', async () => {
    const page = await env.newPage();
    await visit(page, '/signin');
    await page.locator('#f-email').fill(ADMIN.email);
    await page.locator('#f-password').fill('not the right password at all');
    const res = await submit(page, () => page.getByRole('main').getByRole('button', { name: 'Sign in' }).click(), 'wrong password');
    assert.equal(res.status(), 401);
    assert.equal(pathOf(page), '/signin');
    const alert = page.getByRole('alert');
    assert.equal(await alert.count(), 1, 'exactly one alert');
    assert.ok(await alert.isVisible(), 'the alert is visible');
    assert.equal((await alert.textContent()).trim(), message('en', 'signin-failed'));
    assert.equal(await page.locator('#f-email').inputValue(), ADMIN.email, 'the email is kept');
    assert.equal(await page.locator('#f-password').inputValue(), '', 'the password is not sent back');
    assert.equal(await page.locator('header nav form[action="/signout"]').count(), 0, 'still signed out');
  });

  it('lists missing fields in an error summary linked to the fields', async () => {
    const page = await env.newPage();
    await visit(page, '/signin');
    const res = await submit(page, () => page.getByRole('main').getByRole('button', { name: 'Sign in' }).click(), 'empty sign-in');
    assert.equal(res.status(), 422);
    const summary = page.getByRole('alert');
    assert.ok(await summary.isVisible(), 'the error summary is visible');
    assert.equal(await summary.locator('a[href="#f-email"]').count(), 1);
    assert.equal(await summary.locator('a[href="#f-password"]').count(), 1);
    assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-email').getAttribute('aria-describedby'), 'f-email-error');
    assert.equal((await page.locator('#f-email-error').textContent()).trim(), message('en', 'error-required'));
  });
});

// Every signed-in page of the admin and the clinician passes axe, as do the forms sent back
// with errors.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, pathOf, signIn, submit, visit } from '../lib/browser.js';
import { ADMIN, CLINICIAN } from '../lib/server.js';

const ADMIN_PAGES = [
  '/',
  '/care-team',
  '/account/profile',
  '/account/sessions',
  '/account/two-factor',
  '/admin/people',
  '/admin/invitations',
  '/admin/settings',
  '/admin/audit',
  '/admin/crisis-lines',
  '/admin/crisis-lines/new',
  '/admin/crisis-lines/0',
  '/alerts',
  '/alerts?all=1',
  '/safety-plan',
  '/safety-plan/edit',
  '/help',
  '/circle',
  '/circle/changes',
  '/checkin',
  '/checkin/trends',
  '/checkin/reminders',
  '/measures',
  '/measures/phq9',
  '/measures/who5/results',
];

hearthSuite('signed-in pages', (env) => {
  it('the admin\'s pages pass axe', async () => {
    const page = await env.newPage();
    await signIn(page, ADMIN);
    for (const path of ADMIN_PAGES) {
      const res = await visit(page, path);
      assert.equal(res.status(), 200, `status of ${path}`);
      assert.equal(pathOf(page), path.split('?')[0]);
    }
    // The person page, reached from the people list.
    await visit(page, '/admin/people');
    const person = page.locator('main table a[href^="/admin/people/"]').first();
    await submit(page, () => person.click(), 'open a person');
    assert.match(pathOf(page), /^\/admin\/people\/[^/]+$/);
  });

  it('the invitation form with errors passes axe', async () => {
    const page = await env.newPage();
    await signIn(page, ADMIN);
    await visit(page, '/admin/people');
    await page.locator('#f-email').fill('not an email');
    for (const role of ['member', 'facilitator', 'clinician', 'admin']) await page.locator(`#role-${role}`).uncheck();
    const res = await submit(page, () => page.getByRole('button', { name: 'Send invitation' }).click(), 'invalid invitation');
    assert.equal(res.status(), 422);
    assert.ok(await page.getByRole('alert').isVisible(), 'an error summary is shown');
    assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
  });

  it('the clinician\'s pages pass axe', async () => {
    const page = await env.newPage();
    await signIn(page, CLINICIAN);
    for (const path of ['/clients', '/care-team', '/account/profile']) {
      const res = await visit(page, path);
      assert.equal(res.status(), 200, `status of ${path}`);
    }
    const res = await visit(page, '/admin/people');
    assert.equal(res.status(), 403, 'a clinician cannot open admin pages');
    await visit(page, '/clients');
    await page.locator('#f-email').fill('not an email');
    const bad = await submit(page, () => page.getByRole('button', { name: 'Send care invitation' }).click(), 'invalid care invitation');
    assert.equal(bad.status(), 422);
  });

  it('the reset request and its answer pass axe', async () => {
    const page = await env.newPage();
    await visit(page, '/reset');
    await page.locator('#f-email').fill(ADMIN.email);
    const res = await submit(page, () => page.getByRole('main').getByRole('button').click(), 'reset request');
    assert.equal(res.status(), 200);
    const mail = await env.server.waitForMail({ to: ADMIN.email });
    const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/reset\/[A-Za-z0-9_~.%-]+/);
    assert.ok(link, `no reset link in ${mail.file}:\n${mail.text}`);
    const form = await visit(page, link[0]);
    assert.equal(form.status(), 200);
    assert.equal(await page.locator('#f-password').count(), 1);
  });
});

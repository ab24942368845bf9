// Find community in a real browser: an admin imports a Meeting Guide feed through the upload
// page and opens the directory to visitors; a visitor searches with filters and opens a
// meeting; a clinician adds a group through the form, fixing a mistake it names, and marks
// it checked; a member answers the next-step questions, gets matches with reasons, starts
// small steps toward the first, ticks one and turns on a reminder; the member saves a place
// and searches near it, then forgets it; the clinician refers the member to a group and the
// member accepts. axe runs on every page visited.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { hearthSuite, pathOf, signIn, submit, visit } from '../lib/browser.js';
import { ADMIN, CLINICIAN, RIVER } from '../lib/server.js';
import { message } from '../lib/i18n.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FEED = path.join(here, '../../testdata/directory/code4recovery-tsml-ui/public/data/kc.test.json');

hearthSuite('find community', (env) => {
  it('an admin imports a feed and opens the directory to visitors', async () => {
    const page = await env.newPage();
    await signIn(page, ADMIN);
    await visit(page, '/community/import');
    await page.locator('#f-format').selectOption('meeting-guide');
    await page.locator('#f-file').setInputFiles(FEED);
    await page.locator('#f-dry_run').uncheck();
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-import-go') }).click(), 'import');
    assert.ok((await page.getByRole('status').textContent()).includes('Added 206'), 'the report counts the meetings');
    await visit(page, '/community/manage');
    await visit(page, '/admin/settings');
    await page.locator('#f-public_directory').check();
    await submit(page, () => page.locator('main form[action="/admin/settings"] button[type="submit"]').click(), 'save settings');
  });

  it('a visitor searches with filters and opens a meeting', async () => {
    const page = await env.newPage();
    await visit(page, '/');
    await submit(page, () => page.getByRole('link', { name: message('en', 'landing-find-community') }).click(), 'landing → community');
    assert.equal(pathOf(page), '/community');
    await page.locator('#f-q').fill('unity');
    await page.locator('summary').click();
    await page.locator('#f-day-su').check();
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-search') }).click(), 'search');
    const heading = await page.locator('#results').textContent();
    assert.match(heading, /\d+ results?/, heading);
    const first = page.locator('.resource-card h3 a').first();
    const name = (await first.textContent()).trim();
    assert.ok(/unity/i.test(name), name);
    await submit(page, () => first.click(), 'open a meeting');
    assert.equal((await page.locator('h1').textContent()).trim(), name);
    assert.ok((await page.locator('main').textContent()).includes('Sunday'), 'the schedule in words');
    // A filter it cannot read comes back named, with the words kept.
    await visit(page, '/community?q=keep&lat=200&lon=0');
    assert.equal(await page.locator('#f-q').inputValue(), 'keep');
    assert.equal(await page.locator('.error-summary a[href="#f-lat"]').count(), 1);
  });

  it('a clinician adds a group, fixing a named mistake, and checks another', async () => {
    const page = await env.newPage();
    await signIn(page, CLINICIAN);
    await visit(page, '/community/new');
    await page.locator('#f-name').fill('Lantern Grief Walk');
    await page.locator('#f-kind').selectOption('activity');
    await page.locator('#f-focus-grief').check();
    await page.locator('#f-first_date').fill('2026-01-03');
    await page.locator('#f-start_time').fill('10:00');
    await page.locator('#f-tz').fill('Mars/Base');
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-save') }).click(), 'save with a mistake');
    assert.equal(await page.locator('.error-summary a[href="#f-tz"]').count(), 1);
    assert.equal(await page.locator('#f-name').inputValue(), 'Lantern Grief Walk', 'what was typed is kept');
    await page.locator('#f-tz').fill('America/Chicago');
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-save') }).click(), 'save');
    assert.equal((await page.locator('h1').textContent()).trim(), 'Lantern Grief Walk');
    assert.ok((await page.locator('main').textContent()).includes(message('en', 'community-never-verified')));
    await submit(page, () => page.getByRole('link', { name: message('en', 'community-edit') }).click(), 'edit');
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-verify-this') }).click(), 'mark checked');
    assert.equal(pathOf(page), '/community/manage');
    assert.equal((await page.getByRole('status').textContent()).trim(), message('en', 'done-resource-verified'));
    await visit(page, '/community?q=lantern');
    await submit(page, () => page.getByRole('link', { name: 'Lantern Grief Walk' }).click(), 'open Lantern');
    assert.ok((await page.locator('main').textContent()).includes('Checked on'));
  });

  it('a member answers the questions and gets matches with reasons', async () => {
    const page = await env.newPage();
    await signIn(page, RIVER);
    await visit(page, '/community');
    await submit(page, () => page.getByRole('link', { name: message('en', 'next-title') }).click(), 'to next step');
    await page.locator('#f-barrier-meeting_new_people').check();
    await page.locator('#f-barrier-not_knowing_where_to_start').check();
    await page.locator('#f-day-su').check();
    await submit(page, () => page.getByRole('button', { name: message('en', 'next-show') }).click(), 'show matches');
    const cards = page.locator('ol.resource-list > li');
    assert.ok((await cards.count()) > 0, 'some groups match');
    const first = await cards.first().textContent();
    assert.ok(first.includes(message('en', 'next-first-pick')), 'one clear first pick');
    assert.ok(first.includes(message('en', 'next-why')), first);
    // River's circle is empty here, so every kind is a gap the first match can fill.
    assert.ok(first.includes('Your circle has no'), first);
    assert.ok(await page.locator('#f-barrier-meeting_new_people').isChecked(), 'answers stay ticked');
    // Small steps toward the first match: start a ladder and tick the first step.
    await submit(page, () => cards.first().locator('h3 a').click(), 'open the first match');
    await submit(page, () => page.getByRole('button', { name: message('en', 'steps-start') }).click(), 'start steps');
    assert.equal((await page.getByRole('status').textContent()).trim(), message('en', 'done-ladder-started'));
    const firstStep = message('en', 'steps-step-read-about');
    await submit(page, () => page.getByRole('button', { name: `Done: ${firstStep}` }).click(), 'tick a step');
    assert.ok((await page.locator('.lead').textContent()).startsWith('1 of'), 'progress, not streaks');
    assert.equal(await page.getByRole('button', { name: `Not done yet: ${firstStep}` }).count(), 1);
    // A gentle reminder, chosen by keyboard.
    await page.locator('#f-reminder-weekly').focus();
    await page.keyboard.press('Space');
    await submit(page, () => page.getByRole('button', { name: message('en', 'steps-reminder-save') }).click(), 'reminders on');
    assert.equal((await page.getByRole('status').textContent()).trim(), message('en', 'done-ladder-reminder-on'));
    assert.ok(await page.locator('#f-reminder-weekly').isChecked());
    await visit(page, '/steps');
  });

  it('a member saves a place and searches near it', async () => {
    const page = await env.newPage();
    await signIn(page, RIVER);
    await visit(page, '/community');
    await page.locator('summary').click();
    await page.locator('#f-lat').fill('39.10');
    await page.locator('#f-lon').fill('-94.58');
    // Search near the point first; saving it is offered with the results.
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-search') }).click(), 'search near a point');
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-place-save') }).click(), 'save my place');
    assert.equal((await page.locator('p.notice[role="status"]').textContent()).trim(), message('en', 'done-place-saved'));
    assert.equal(await page.locator('#f-near-from').inputValue(), 'saved');
    const heading = await page.locator('#results').textContent();
    assert.match(heading, /\d+ results?/, heading);
    assert.ok((await page.locator('.resource-card').first().textContent()).includes('km'), 'distances from the saved place');
    await submit(page, () => page.getByRole('button', { name: message('en', 'community-place-forget') }).click(), 'forget my place');
    assert.equal((await page.locator('p.notice[role="status"]').textContent()).trim(), message('en', 'done-place-forgotten'));
    assert.equal(await page.locator('#f-near-from').count(), 0, 'nothing left to measure from');
    // Enter in a field searches; it never saves the point typed as a place.
    await page.locator('summary').click();
    await page.locator('#f-lat').fill('39.10');
    await page.locator('#f-lon').fill('-94.58');
    await submit(page, () => page.locator('#f-q').press('Enter'), 'search by Enter');
    assert.equal(pathOf(page), '/community');
    assert.match(await page.locator('#results').textContent(), /\d+ results?/);
    assert.equal(await page.locator('#f-near-from').count(), 0, 'no place was saved');
  });

  it('a clinician refers a group and the member accepts', async () => {
    const clinician = await env.newPage();
    await signIn(clinician, CLINICIAN);
    await visit(clinician, '/clients');
    await clinician.locator('#f-email').fill(RIVER.email);
    await submit(clinician, () => clinician.getByRole('button', { name: 'Send care invitation' }).click(), 'offer care');
    const member = await env.newPage();
    await signIn(member, RIVER);
    await visit(member, '/care-team');
    await submit(member, () => member.locator('.care-links > li').filter({ hasText: CLINICIAN.name }).locator('form[action$="/accept"] button').click(), 'accept care');

    await visit(clinician, '/clients');
    await submit(clinician, () => clinician.getByRole('link', { name: `Suggest a group to ${RIVER.name}` }).click(), 'to refer');
    await clinician.locator('#f-q').fill('lantern');
    await submit(clinician, () => clinician.getByRole('button', { name: message('en', 'community-search') }).click(), 'search to refer');
    await clinician.locator('textarea[name="note"]').first().fill('A gentle start, I think.');
    await submit(clinician, () => clinician.getByRole('button', { name: 'Suggest Lantern Grief Walk' }).click(), 'refer');
    assert.equal((await clinician.getByRole('status').textContent()).trim(), message('en', 'done-referral-sent'));

    await visit(member, '/referrals');
    const item = member.locator('.resource-list > li').filter({ hasText: 'Lantern Grief Walk' });
    assert.ok((await item.textContent()).includes('A gentle start, I think.'));
    await submit(member, () => item.getByRole('button', { name: "I'll try Lantern Grief Walk" }).click(), 'accept referral');
    assert.equal((await member.getByRole('status').textContent()).trim(), message('en', 'done-referral-answered'));
    assert.ok((await member.locator('.resource-list > li').first().textContent()).includes(message('en', 'referral-status-accepted')));
    await visit(clinician, '/referrals/sent');
    assert.ok((await clinician.locator('main').textContent()).includes(message('en', 'referral-status-accepted')));
  });
});

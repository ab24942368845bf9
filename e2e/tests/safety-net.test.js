// The safety net in a real browser: a member writes crisis language in their safety plan,
// sees the crisis card, asks for help; their clinician is told, acknowledges and resolves.
// axe runs on every page visited, the cards included.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, pathOf, signIn, submit, visit } from '../lib/browser.js';
import { CLINICIAN, RIVER } from '../lib/server.js';
import { message } from '../lib/i18n.js';

const MODERATE = 'Everyone would be better off without me. I think about it every single day now.';
const SEVERE = "i've put my affairs in order, the cat's going to my friend, money's set aside for the funeral. goodbye";

hearthSuite('safety net', (env) => {
  it('a member writes crisis language, sees the card, and a clinician acknowledges and resolves', async () => {
    const { server } = env;

    // --- Care link: the clinician offers, the member accepts (safety alerts are on by default)
    const clinician = await env.newPage();
    await signIn(clinician, CLINICIAN);
    await visit(clinician, '/clients');
    await clinician.locator('#f-email').fill(RIVER.email);
    await submit(clinician, () => clinician.getByRole('button', { name: 'Send care invitation' }).click(), 'offer care');
    const member = await env.newPage();
    await signIn(member, RIVER);
    await visit(member, '/care-team');
    await submit(member, () => member.locator('.care-links form[action$="/accept"] button').click(), 'accept care');

    // --- The member writes in their safety plan, by keyboard-reachable controls ------------
    await visit(member, '/safety-plan');
    await submit(member, () => member.locator('main a[href="/safety-plan/edit"]').click(), 'edit plan');
    await member.locator('#f-warning_signs').fill(MODERATE);
    await member.locator('#f-helper_name_0').fill('Dana (cousin)');
    await member.locator('#f-helper_phone_0').fill('555-0142');
    await member.locator('#f-reasons').fill('My dog, Pepper');
    await submit(member, () => member.locator('main form button[type="submit"]').click(), 'save plan (moderate)');
    assert.equal(pathOf(member), '/safety-plan');
    const card = member.locator('#support.card-moderate');
    await card.waitFor();
    assert.equal((await card.locator('h2').first().textContent()).trim(), message('en', 'card-moderate-title'));
    assert.equal(await card.locator('.card-primary + .card-line a.tap').first().getAttribute('href'), 'tel:988', 'one primary action: the crisis line');
    assert.equal(await card.locator('a[href="tel:5550142"]').count(), 1, 'the people listed as reachable');
    assert.equal(await card.locator('a.button[href="/safety-plan"]').count(), 1, 'a link to the plan');
    // Not modal: the plan is still on the page, with the words as written.
    assert.ok((await member.locator('main').textContent()).includes(MODERATE));

    // --- Worse: the full-screen card, emergency first, then "I need help now" --------------
    await visit(member, '/safety-plan/edit');
    await member.locator('#f-warning_signs').fill(`${MODERATE}\n${SEVERE}`);
    await submit(member, () => member.locator('main form button[type="submit"]').click(), 'save plan (severe)');
    const severe = member.locator('#support.card-severe');
    await severe.waitFor();
    const taps = await severe.locator('a.tap').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(taps[0], 'tel:911', `the emergency number comes first: ${taps}`);
    assert.equal(await member.locator('.plan-steps').count(), 0, 'the severe card takes the whole page');
    await member.getByRole('button', { name: message('en', 'card-help-now') }).focus();
    await submit(member, () => member.keyboard.press('Enter'), 'I need help now');
    assert.equal(pathOf(member), '/safety/help-now');
    assert.equal((await member.locator('main h1').textContent()).trim(), message('en', 'help-sent-title'));

    // --- The clinician is told by email (no words) and in the queue ------------------------
    const mail = await server.waitForMail({ to: CLINICIAN.email });
    assert.ok(mail.text.includes(RIVER.name), mail.text);
    for (const w of ['affairs', 'better off', 'funeral']) assert.ok(!mail.text.includes(w), `the email holds no words: ${w}`);
    await visit(clinician, '/alerts');
    const row = clinician.locator('main table tbody tr').filter({ hasText: RIVER.name });
    assert.equal(await row.count(), 1, 'one alert for the member (repeats fold into it)');
    assert.ok((await row.textContent()).includes(message('en', 'alert-level-severe')));
    await submit(clinician, () => row.locator('a').click(), 'open alert');
    assert.match(pathOf(clinician), /^\/alerts\/[^/]+$/);
    await submit(clinician, () => clinician.getByRole('button', { name: message('en', 'alert-acknowledge') }).click(), 'acknowledge');
    assert.equal((await clinician.getByRole('status').textContent()).trim(), message('en', 'done-alert-acknowledged'));

    // Resolving without an outcome is refused with the note kept.
    await clinician.locator('#f-note').fill('Called River; safe with cousin tonight.');
    const bad = await submit(clinician, () => clinician.getByRole('button', { name: message('en', 'alert-resolve'), exact: true }).click(), 'resolve without outcome');
    assert.equal(bad.status(), 422);
    assert.equal(await clinician.locator('#f-note').inputValue(), 'Called River; safe with cousin tonight.');
    await clinician.getByLabel(message('en', 'alert-outcome-reached-out')).check();
    await submit(clinician, () => clinician.getByRole('button', { name: message('en', 'alert-resolve'), exact: true }).click(), 'resolve');
    assert.equal((await clinician.getByRole('status').textContent()).trim(), message('en', 'done-alert-resolved'));
    const facts = await clinician.locator('.alert-facts').textContent();
    assert.ok(facts.includes(message('en', 'alert-status-resolved')) && facts.includes(message('en', 'alert-outcome-reached-out')), facts);
    await visit(clinician, '/alerts');
    assert.equal(await clinician.locator('main table tbody tr').filter({ hasText: RIVER.name }).count(), 0, 'resolved leaves the queue');

    // The member can still open a calm plan page, and it prints without the navigation.
    await visit(member, '/safety-plan');
    await member.emulateMedia({ media: 'print' });
    assert.equal(await member.locator('header nav').isVisible(), false, 'no navigation in print');
    await member.emulateMedia({ media: 'screen' });
  });
});

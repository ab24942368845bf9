// Flow 1: an admin invites a member; the member accepts, signs in, switches to Korean,
// accepts a clinician's care offer, shares check-ins, and signs out.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, pathOf, signIn, submit, visit } from '../lib/browser.js';
import { ADMIN, CLINICIAN } from '../lib/server.js';
import { HANGUL, ftlPath, message } from '../lib/i18n.js';

const MEMBER = { email: 'member@e2e.test', name: 'Min-jun Park', password: 'violet kettle harbour mosaic' };

/** The Korean text of a message; fails clearly if ko/main.ftl lacks it. */
function ko(key) {
  const text = message('ko', key);
  assert.ok(text, `${ftlPath('ko')} has no message "${key}"`);
  return text;
}

hearthSuite('invite, accept, Korean, care consent, sign out', (env) => {
  it('takes a new member from invitation to consent and out again', async () => {
    const { server } = env;

    // --- The admin invites the member --------------------------------------------------
    const admin = await env.newPage();
    await signIn(admin, ADMIN);
    await visit(admin, '/admin/people');
    await admin.locator('#f-email').fill(MEMBER.email);
    await admin.locator('#role-member').check();
    for (const other of ['facilitator', 'clinician', 'admin']) {
      await admin.locator(`#role-${other}`).uncheck();
    }
    const inviteRes = await submit(admin, () => admin.getByRole('button', { name: 'Send invitation' }).click(), 'send invitation');
    assert.equal(inviteRes.status(), 200, 'the invitation form should be accepted');
    assert.equal(pathOf(admin), '/admin/invitations');
    const shownLink = (await admin.locator('code.secret').textContent()).trim();
    assert.match(shownLink, /^http:\/\/127\.0\.0\.1:\d+\/invite\/[^/\s]+$/, 'the invitations page shows the link');
    assert.ok(shownLink.startsWith(`${server.baseURL}/invite/`), `the link ${shownLink} should point at ${server.baseURL}`);

    // The same link arrives by email.
    const mail = await server.waitForMail({ to: MEMBER.email });
    const mailed = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_~.%-]+/);
    assert.ok(mailed, `no invitation link in ${mail.file}:\n${mail.text}`);
    assert.equal(mailed[0], shownLink, 'the emailed link equals the link shown to the admin');

    // --- The member accepts, in a browser with no cookies ------------------------------
    const member = await env.newPage();
    const invRes = await visit(member, shownLink);
    assert.equal(invRes.status(), 200);
    await member.locator('#f-display_name').fill(MEMBER.name);
    await member.locator('#f-password').fill(MEMBER.password);
    await submit(member, () => member.getByRole('button', { name: 'Create my account' }).click(), 'accept invitation');
    assert.equal(pathOf(member), '/signin', `accepting should lead to sign-in, got ${member.url()}`);
    await assert.doesNotReject(member.getByRole('status').filter({ hasText: message('en', 'done-invite-accepted') }).waitFor({ timeout: 2000 }));

    // --- The member signs in and switches to Korean ------------------------------------
    await signIn(member, MEMBER);
    await submit(member, () => member.getByRole('banner').getByRole('button', { name: '한국어' }).click(), 'switch to Korean');
    assert.equal(pathOf(member), '/', 'the language switch returns to the same page');
    assert.equal(await member.locator('html').getAttribute('lang'), 'ko');
    assert.equal(await member.getByRole('banner').getByRole('button', { name: '한국어' }).getAttribute('aria-pressed'), 'true');
    const helpLink = (await member.locator('header a[href="/help"]').textContent()).trim();
    assert.match(helpLink, HANGUL, `the "Get help now" link should be in Korean, is "${helpLink}"`);
    assert.equal(helpLink, ko('get-help-now'));

    // --- A clinician offers care ----------------------------------------------------------
    const clinician = await env.newPage();
    await signIn(clinician, CLINICIAN);
    await visit(clinician, '/clients');
    await clinician.locator('#f-email').fill(MEMBER.email);
    await submit(clinician, () => clinician.getByRole('button', { name: 'Send care invitation' }).click(), 'offer care');
    assert.equal(pathOf(clinician), '/clients', `offering care should return to /clients, got ${clinician.url()}`);
    assert.equal((await clinician.getByRole('status').textContent()).trim(), message('en', 'done-care-offered'));
    const offered = (await clinician.locator('main table tr').filter({ has: clinician.getByRole('cell', { name: MEMBER.name, exact: true }) }).textContent()).replace(/\s+/g, ' ');
    assert.ok(offered.includes(message('en', 'care-status-invited')), `the clinician's row should show the offer as waiting: ${offered}`);

    // --- The member (in Korean) accepts and shares check-ins ---------------------------
    await visit(member, '/care-team');
    assert.equal(await member.locator('html').getAttribute('lang'), 'ko');
    assert.equal((await member.locator('main h1').textContent()).trim(), ko('care-title'));
    const offer = member.locator('.care-links > li').filter({ hasText: CLINICIAN.name });
    assert.equal(await offer.count(), 1, 'one care offer from the clinician');
    const accept = offer.locator('form[action$="/accept"] button');
    assert.equal((await accept.textContent()).trim(), ko('care-accept'));
    await submit(member, () => accept.click(), 'accept care');
    assert.equal(pathOf(member), '/care-team');
    assert.equal((await member.getByRole('status').textContent()).trim(), ko('done-care-accepted'));

    const consentLink = member.locator('.care-links > li').filter({ hasText: CLINICIAN.name }).locator('a[href$="/consent"]');
    const consentHref = await consentLink.getAttribute('href');
    assert.match(consentHref, /^\/care-team\/[^/]+\/consent$/);
    await submit(member, () => consentLink.click(), 'open consent page');
    assert.equal(pathOf(member), consentHref);
    assert.equal(await member.locator('html').getAttribute('lang'), 'ko');
    const checkins = member.locator('#scope-checkins');
    assert.equal(await checkins.isChecked(), false, 'nothing is shared before the member chooses');
    const checkinsLabel = (await member.locator('label[for="scope-checkins"]').textContent()).trim();
    assert.equal(checkinsLabel, ko('scope-checkins'));
    await checkins.check();
    await submit(member, () => member.locator('main form[action$="/consent"] button[type="submit"]').click(), 'save consent');
    assert.equal(pathOf(member), '/care-team');
    assert.equal((await member.getByRole('status').textContent()).trim(), ko('done-consent-saved'));
    const sharing = (await member.locator('.care-links > li').filter({ hasText: CLINICIAN.name }).textContent()).replace(/\s+/g, ' ');
    assert.ok(sharing.includes(checkinsLabel), `the care team entry should list "${checkinsLabel}": ${sharing}`);

    // The clinician sees what is now shared.
    await visit(clinician, '/clients');
    const row = (await clinician.locator('main table tr').filter({ has: clinician.getByRole('cell', { name: MEMBER.name, exact: true }) }).textContent()).replace(/\s+/g, ' ');
    assert.ok(row.includes(message('en', 'scope-checkins')), `the clinician's row should show check-ins: ${row}`);

    // --- The member signs out ------------------------------------------------------------
    const signOut = member.locator('header nav form[action="/signout"] button[type="submit"]');
    assert.equal((await signOut.textContent()).trim(), ko('nav-sign-out'));
    await submit(member, () => signOut.click(), 'sign out');
    assert.equal(pathOf(member), '/signin');
    await visit(member, '/');
    assert.equal(await member.locator('header nav form[action="/signout"]').count(), 0, 'no sign-out button once signed out');
    assert.equal(await member.locator('main a[href="/signin"]').count(), 1, 'the landing page offers sign-in');
    assert.equal(await member.locator('main .help-callout').count(), 1, 'the landing page points to help');
    assert.equal(await member.locator('html').getAttribute('lang'), 'ko', 'the language choice outlives the session');
    assert.equal((await member.locator('main h1').textContent()).trim(), ko('landing-title'));
  });
});

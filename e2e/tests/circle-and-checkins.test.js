// My circle, check-ins and measures in a real browser: a member adds five people, sees the
// map and the gaps, fills in details for one (and sees another's form save as it goes),
// checks in with who they connected with, sees
// the trend chart, takes the PHQ-9 and sees its chart. axe runs on every page visited.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, pathOf, signIn, submit, visit } from '../lib/browser.js';
import { RIVER } from '../lib/server.js';
import { message } from '../lib/i18n.js';

const PEOPLE = [
  ['Dana', 'inner', 'family'],
  ['Marcus', 'middle', 'friend'],
  ['Tuesday group', 'middle', 'peer_support_group'],
  ['Climbing crew', 'outer', 'activity_group'],
  ['Dr. Patel', 'outer', 'professional'],
];

hearthSuite('my circle and check-ins', (env) => {
  it('adds five people, sees the map and the gaps, checks in and sees the trend', async () => {
    const page = await env.newPage();
    await signIn(page, RIVER);
    await visit(page, '/circle');
    for (const [name, ring, kind] of PEOPLE) {
      await page.locator('#f-name').fill(name);
      await page.locator('#f-ring').selectOption(ring);
      await page.locator('#f-kind').selectOption(kind);
      await submit(page, () => page.getByRole('button', { name: message('en', 'circle-add') }).click(), `add ${name}`);
      assert.equal(pathOf(page), '/circle');
    }
    // The map: one shape per entry, each labelled; the table says the same.
    assert.equal(await page.locator('svg[role="img"] g.node').count(), 5);
    assert.equal(await page.locator('svg g.node.diamond').count(), 1, 'peer support is a diamond');
    assert.equal(await page.locator('table.circle-table tbody tr').count(), 5);
    // The gaps, in plain sentences with a next step.
    const findings = await page.locator('ul.findings').textContent();
    assert.ok(findings.includes('Nobody in your circle gives you emotional support'), findings);
    assert.ok(findings.includes('There is no faith or spiritual community'), findings);

    // Details for Dana, by keyboard-reachable selects.
    await submit(page, () => page.getByRole('link', { name: 'Edit Dana' }).click(), 'edit Dana');
    await page.locator('#f-gives_emotional').selectOption('3');
    await page.locator('#f-be_myself').selectOption('yes');
    await page.locator('#f-crisis_contact').check();
    await submit(page, () => page.locator('main form button[type="submit"]').click(), 'save Dana');
    await visit(page, '/circle');
    const after = await page.locator('ul.findings').textContent();
    assert.ok(after.includes('Only Dana gives you emotional support'), after);
    assert.ok(after.includes('You can be yourself with one person in your inner circle'), after);

    // Marcus's form saves as it goes: no Save button pressed, and the change is there after
    // the page is opened again.
    await submit(page, () => page.getByRole('link', { name: 'Edit Marcus' }).click(), 'edit Marcus');
    const marcusPath = pathOf(page);
    await page.locator('#f-strain').selectOption('2');
    await page.locator('#autosave-status').filter({ hasText: message('en', 'circle-autosave-saved') }).waitFor({ timeout: 5000 });
    await visit(page, marcusPath);
    assert.equal(await page.locator('#f-strain').inputValue(), '2', 'saved without pressing Save');

    // Check in, in a few taps, naming who I connected with.
    await visit(page, '/checkin');
    await page.locator('label[for="mood-4"]').click();
    await page.locator('label[for="energy-3"]').click();
    await page.locator('label[for="connectedness-4"]').click();
    await page.getByLabel('Marcus').check();
    await submit(page, () => page.getByRole('button', { name: message('en', 'checkin-save') }).click(), 'check in');
    assert.equal((await page.getByRole('status').textContent()).trim(), message('en', 'done-checkin-saved'));
    await visit(page, '/circle');
    const marcus = await page.locator('table.circle-table tbody tr').filter({ hasText: 'Marcus' }).textContent();
    assert.match(marcus, /\d{4}-\d{2}-\d{2}/, `Marcus's last contact is today: ${marcus}`);

    await visit(page, '/checkin/trends');
    assert.equal(await page.locator('svg.trend-chart').count(), 3);
    assert.ok((await page.locator('svg.trend-chart circle.trend-dot').count()) >= 3);
    await submit(page, () => page.getByRole('link', { name: '365 days' }).click(), '365-day window');
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), '365 days');
    await visit(page, '/checkin/reminders');
    await visit(page, '/circle/changes');

    // PHQ-9: a skipped question is named and the other answers stay; then the result.
    await visit(page, '/measures');
    await submit(page, () => page.getByRole('link', { name: /^Take Depression check/ }).click(), 'open PHQ-9');
    const answers = [2, 1, 2, 1, 1, 1, 0, 0, 0];
    for (const [n, v] of answers.entries()) {
      if (n === 2 || n === 5) continue;
      await page.locator(`label[for="item_${n + 1}-${v}"]`).click();
    }
    const bad = await submit(page, () => page.getByRole('button', { name: message('en', 'measures-submit') }).click(), 'PHQ-9 with two skipped');
    assert.equal(bad.status(), 422);
    assert.equal(await page.locator('#item_1-2').isChecked(), true, 'answers are kept');
    assert.ok(await page.getByRole('alert').isVisible());
    await page.locator('label[for="item_3-2"]').click();
    await page.locator('label[for="item_6-1"]').click();
    await submit(page, () => page.getByRole('button', { name: message('en', 'measures-submit') }).click(), 'PHQ-9');
    assert.equal(pathOf(page), '/measures/phq9/results');
    const latest = await page.locator('.measure-latest').textContent();
    assert.ok(latest.includes('8') && latest.includes('Mild'), latest);
    assert.equal(await page.locator('svg.trend-chart circle.trend-dot').count(), 1);
  });
});

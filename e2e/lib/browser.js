// The browser side: Debian's Chromium through playwright-core, axe on every page, and a
// per-file fixture that owns one hearth server and one browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe } from 'node:test';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { IS_CI, missingPrerequisite as missingServer, startServer } from './server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

function describeViolations(violations) {
  return violations
    .map((v) => {
      const targets = v.nodes.map((n) => '    - ' + n.target.join(' ') + (n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''));
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
    })
    .join('\n');
}

/** Runs axe on the page as it is now; fails on any serious or critical violation. */
export async function checkA11y(page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact));
  if (minor.length && process.env.HEARTH_E2E_VERBOSE) {
    console.log(`axe (not blocking) on ${label}:\n${describeViolations(minor)}`);
  }
  if (blocking.length) {
    assert.fail(`axe found ${blocking.length} serious/critical violation(s) on ${label} (${page.url()}):\n${describeViolations(blocking)}`);
  }
  return results;
}

/** Navigates to a path (or URL) and runs axe on the page that loaded. Returns the response. */
export async function visit(page, path) {
  const res = await page.goto(path, { waitUntil: 'load' });
  assert.ok(res, `no response for ${path}`);
  await checkA11y(page, `GET ${path}`);
  return res;
}

/**
 * Performs an action that navigates (a form submission, a link, Enter in a field), waits for
 * the resulting page and runs axe on it. Returns the final response (after redirects).
 */
export async function submit(page, action, label = 'form submission') {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  await checkA11y(page, `${label} -> ${page.url()}`);
  return res;
}

/** Signs in through the sign-in form; ends on the page after sign-in (checked by axe). */
export async function signIn(page, { email, password }) {
  await visit(page, '/signin');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  const res = await submit(page, () => page.locator('main form[action="/signin"] button[type="submit"]').click(), `sign in as ${email}`);
  assert.equal(new URL(page.url()).pathname, '/', `sign-in as ${email} should land on /, got ${page.url()} (status ${res && res.status()})`);
  return res;
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/**
 * A describe block with its own hearth server and browser, shared by its tests:
 * `env.server`, `env.browser`, and `env.newPage(options)` for a fresh context (fresh cookies).
 * Outside CI a missing binary or browser skips the file; under CI=true it fails.
 */
export function hearthSuite(name, fn) {
  let missing = missingServer();
  if (!missing && !fs.existsSync(CHROMIUM)) missing = `Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`;
  const skip = missing && !IS_CI ? missing : false;
  describe(name, { skip }, () => {
    const env = { server: null, browser: null, contexts: [] };
    env.newPage = async (options = {}) => {
      const context = await env.browser.newContext({ baseURL: env.server.baseURL, locale: 'en-US', ...options });
      env.contexts.push(context);
      return context.newPage();
    };
    before(async () => {
      if (missing) throw new Error(missing);
      env.server = await startServer();
      env.browser = await launchBrowser();
    });
    after(async () => {
      for (const c of env.contexts) await c.close().catch(() => {});
      if (env.browser) await env.browser.close().catch(() => {});
      if (env.server) await env.server.stop();
    });
    fn(env);
  });
}

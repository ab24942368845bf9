// Starts a real `hearth serve` on a fresh data folder for one test file, with an admin and a
// clinician already created, and reads the email it writes to <data-dir>/mail/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2eDir = path.resolve(here, '..');

export const PASSWORD = 'correct horse battery staple';
export const ADMIN = { email: 'admin@e2e.test', password: PASSWORD, name: 'Admin' };
export const CLINICIAN = { email: 'clinician@e2e.test', password: PASSWORD, name: 'Dr. Clinician' };
export const RIVER = { email: 'river@e2e.test', password: PASSWORD, name: 'River' };

export const IS_CI = process.env.CI === 'true';

/** The hearth binary: $HEARTH_BIN (relative paths are taken from e2e/), else ../target/debug/hearth. */
export function hearthBin() {
  const bin = process.env.HEARTH_BIN || '../target/debug/hearth';
  return path.resolve(e2eDir, bin);
}

/**
 * Why these tests cannot run here, or null. Under CI=true nothing may be skipped, so callers
 * turn a reason into a failure there.
 */
export function missingPrerequisite() {
  const bin = hearthBin();
  if (!fs.existsSync(bin)) return `hearth binary not found at ${bin} (set HEARTH_BIN)`;
  return null;
}

/** The environment for hearth: no SMTP (mail goes to files), no outside database or base URL. */
function hearthEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('HEARTH_') && k !== 'HEARTH_LOG') delete env[k];
  }
  env.HEARTH_LOG = env.HEARTH_LOG || 'warn';
  return env;
}

function createUser(bin, dataDir, { email, role, name, password }) {
  const r = spawnSync(
    bin,
    ['user', 'create', '--email', email, '--role', role, '--display-name', name, '--password-stdin', '--data-dir', dataDir],
    { input: password + '\n', env: hearthEnv(), encoding: 'utf8', timeout: 60_000 },
  );
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`hearth user create ${email} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitReady(base, child, logs, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`hearth serve exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${logs()}`);
    }
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`hearth serve was not ready within ${timeoutMs} ms (${last}):\n${logs()}`);
}

/**
 * Starts a server. Returns { baseURL, port, dataDir, stop(), latestMail(opts) }.
 * The caller must `await server.stop()` (use `after`).
 */
export async function startServer() {
  const bin = hearthBin();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-'));
  createUser(bin, dataDir, { email: ADMIN.email, role: 'admin', name: ADMIN.name, password: ADMIN.password });
  createUser(bin, dataDir, { email: CLINICIAN.email, role: 'clinician', name: CLINICIAN.name, password: CLINICIAN.password });
  createUser(bin, dataDir, { email: RIVER.email, role: 'member', name: RIVER.name, password: RIVER.password });

  let lastError;
  // A port found free may be taken before hearth binds it; try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    let output = '';
    const child = spawn(bin, ['serve', '--data-dir', dataDir, '--addr', `127.0.0.1:${port}`], {
      env: hearthEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (d) => {
      output += d.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitReady(baseURL, child, () => output, 30_000);
    } catch (e) {
      lastError = e;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      continue;
    }
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!process.env.HEARTH_E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    };
    return {
      baseURL,
      port,
      dataDir,
      logs: () => output,
      stop,
      latestMail: (opts) => latestMail(dataDir, opts),
      waitForMail: (opts) => waitForMail(dataDir, opts),
    };
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}

// ---- Reading the .eml files -------------------------------------------------------------

function splitMessage(raw) {
  const m = raw.match(/\r?\n\r?\n/);
  if (!m) return { headers: {}, body: '' };
  const head = raw.slice(0, m.index);
  const body = raw.slice(m.index + m[0].length);
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeQuotedPrintable(s) {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(headers, body) {
  const type = headers['content-type'] || 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i);
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split('--' + boundary[1]).slice(1, -1);
    const texts = parts.map((p) => {
      const { headers: h, body: b } = splitMessage(p.replace(/^\r?\n/, ''));
      return { type: h['content-type'] || 'text/plain', text: decodeBody(h, b) };
    });
    const plain = texts.find((t) => /^text\/plain/i.test(t.type));
    return (plain || texts[0] || { text: '' }).text;
  }
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Parses one .eml file: { file, to, subject, headers, text }. */
export function parseEml(file) {
  const raw = fs.readFileSync(file, 'utf8');
  const { headers, body } = splitMessage(raw);
  return { file, to: headers.to || '', subject: headers.subject || '', headers, text: decodeBody(headers, body) };
}

/** The newest email in the data dir's mail folder, optionally only those sent to `to`. */
export function latestMail(dataDir, { to } = {}) {
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return null;
  const mails = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => {
      const file = path.join(dir, f);
      return { file, mtime: fs.statSync(file).mtimeMs };
    })
    .sort((a, b) => b.mtime - a.mtime)
    .map(({ file }) => parseEml(file))
    .filter((m) => !to || m.to.toLowerCase().includes(to.toLowerCase()));
  return mails[0] || null;
}

/** Waits (briefly) for an email: hearth sends it off the request thread. */
export async function waitForMail(dataDir, opts = {}, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = latestMail(dataDir, opts);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no email${opts.to ? ' to ' + opts.to : ''} in ${dataDir}/mail`);
    await sleep(100);
  }
}

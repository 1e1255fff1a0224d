// Test harness for the dashboard's browser tests: starts (and if needed builds) the Next app,
// launches Debian's Chromium through playwright-core, and talks to the real API.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const artifacts = join(root, 'test-artifacts');
export const api = process.env.SVONTAI_API?.replace(/\/+$/, '');
export const messages = {
  tr: JSON.parse(readFileSync(join(root, 'messages/tr.json'), 'utf8')),
  en: JSON.parse(readFileSync(join(root, 'messages/en.json'), 'utf8')),
};

/** Why the suite is skipped, or false when it runs. */
export const skipReason = api ? false : 'SVONTAI_API is unset: start the local gateway and set SVONTAI_API to its URL to run the browser tests.';

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

/** NEXT_PUBLIC_* values are inlined at build time: rebuild when the last build used another API. */
function ensureBuild() {
  const marker = join(root, '.next', 'svontai-api-url');
  const built = existsSync(join(root, '.next', 'BUILD_ID')) && existsSync(marker) && readFileSync(marker, 'utf8') === api;
  if (built && !process.env.E2E_REBUILD) return;
  const result = spawnSync(join(root, 'node_modules/.bin/next'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_PUBLIC_API_URL: api, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed');
  writeFileSync(marker, api);
}

/**
 * The dashboard under test: DASHBOARD_URL when given, otherwise `next start` on
 * DASHBOARD_PORT (default 3100; the API's FRONTEND_URL must allow that origin for CORS).
 */
export async function startDashboard() {
  if (process.env.DASHBOARD_URL) return { url: process.env.DASHBOARD_URL.replace(/\/+$/, ''), stop: async () => {} };
  ensureBuild();
  const port = process.env.DASHBOARD_PORT ?? '3100';
  const url = `http://127.0.0.1:${port}`;
  const preflight = await fetch(`${api}/bots`, {
    method: 'OPTIONS',
    headers: { Origin: url, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  if (preflight.headers.get('access-control-allow-origin') !== url) {
    throw new Error(`The API at ${api} does not allow the origin ${url} (CORS). Add it to FRONTEND_URL or set DASHBOARD_PORT.`);
  }
  const child = spawn(join(root, 'node_modules/.bin/next'), ['start', '-p', port, '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, API_URL: api, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let stopping = false;
  child.on('exit', (code) => {
    if (!stopping && code) console.error(`next start exited with ${code}\n${output}`);
  });
  await waitFor(`${url}/login`, 60_000);
  return {
    url,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}

export async function launchBrowser() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * The mail the API sent, as the local moto launcher keeps it (functions/local/moto/local_mailbox.py):
 * JSON on moto's own port. MOTO_PORT is exported by functions/local/scripts/test-browser.sh (4566,
 * env.sh's default, for `make dev`).
 */
export const mailbox = `http://127.0.0.1:${process.env.MOTO_PORT ?? '4566'}/_mailbox/messages`;

/** Every mail to `address`, oldest first ({subject, text, html, to, ...}). */
export async function mailTo(address) {
  const res = await fetch(`${mailbox}?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`GET ${mailbox}: ${res.status} ${await res.text()}`);
  return (await res.json()).messages;
}

/**
 * Waits for a mail to `address`, among those after the first `after`, that `matches`; the
 * newest such mail wins. Mail is sent before the API answers, but the wait keeps the tests
 * independent of that.
 */
export async function waitForMail(address, matches, { after = 0, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await mailTo(address)).slice(after).reverse().find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail to ${address} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The token of the newest link to `path` (/verify-email, /reset-password) in a mail to `address`.
 * The link points at FRONTEND_URL's first origin; tests open `path` on the dashboard under test.
 */
export async function mailedToken(address, path, options) {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path}\\?token=([A-Za-z0-9_-]+)`);
  const mail = await waitForMail(address, (m) => pattern.test(m.text ?? ''), options);
  return pattern.exec(mail.text)[1];
}

/**
 * Content-Security-Policy violations, as Chromium reports them in the console ("Refused to load
 * … because it violates the following Content Security Policy directive …"), on the dashboard's
 * pages and the frames in them. The suite fails at the end if any was seen.
 */
export const cspViolations = [];

export function watchCsp(page) {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/**
 * Whether the API serves a route: the local gateway answers 404 "No route serves this request"
 * for routes it does not have yet, and 401/4xx problems for routes it has.
 */
export async function apiHasRoute(method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status !== 404) return true;
  const problem = await res.json().catch(() => ({}));
  return !/no route/i.test(problem.detail ?? '');
}

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

/**
 * Console errors and uncaught exceptions on the dashboard's pages (watchConsole): JavaScript
 * errors, React and next-intl errors, and every load the browser logs as failed. CSP reports
 * are left to cspViolations.
 */
export const consoleErrors = [];

export function watchConsole(page) {
  page.on('console', (message) => {
    if (message.type() !== 'error' || /Content Security Policy/i.test(message.text())) return;
    consoleErrors.push({ page: page.url(), text: message.text(), source: message.location().url });
  });
  page.on('pageerror', (error) => consoleErrors.push({ page: page.url(), text: `uncaught: ${error.stack ?? error.message}`, source: '' }));
  return page;
}

/** watchCsp and watchConsole: every page of the dashboard the suite opens. */
export function watch(page) {
  return watchConsole(watchCsp(page));
}

/**
 * Whether a console error is Chromium's line for an API answer with a 4xx status ("Failed to
 * load resource: the server responded with a status of 422"), sent to the API or to the
 * dashboard's own /api routes. The browser logs those whatever the page does with
 * them; the tests provoke them on purpose (a wrong password, a refused form, a stale token)
 * and the pages show them. Everything else is a fault, and on the pages' normal use (the
 * sweep of every page) even these are.
 */
export function isApiRefusal(error, dashboardUrl, { unservedRoutes = false } = {}) {
  const toApi = (url) => Boolean(api) && url.startsWith(`${api}/`);
  if (/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(error.text)) {
    return toApi(error.source) || error.source.startsWith(`${dashboardUrl}/api/`);
  }
  // The local gateway's "no route" 404 carries no CORS headers: the browser reports a blocked
  // call instead. Only expected while the API snapshot lacks routes the suite then skips.
  if (!unservedRoutes) return false;
  const blocked = /^Access to fetch at '([^']+)' from origin '[^']+' has been blocked by CORS policy/.exec(error.text);
  if (blocked) return toApi(blocked[1]);
  return /^Failed to load resource: net::ERR_FAILED/.test(error.text) && toApi(error.source);
}

export const formatConsoleErrors = (errors) => errors.map((e) => `${e.page}: ${e.text}${e.source ? ` (${e.source})` : ''}`).join('\n');

const axeSource = join(root, 'node_modules/axe-core/axe.min.js');

/**
 * axe-core on the page as it is now: the serious and critical violations of WCAG 2.0/2.1 A and
 * AA and of axe's best practices, one line each with the elements at fault ([] when none).
 * axe is injected as an inline script (the CSP allows those; it needs no eval), and does not
 * look into frames (the live widget preview is the widget's own app).
 */
export async function axeViolations(page) {
  await page.evaluate(() => document.fonts.ready);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
      iframes: false,
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: `${v.id} (${v.impact}): ${v.help}`,
        nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 140)}\n      ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
      }));
  });
  return violations.map((v) => `${v.rule}\n    ${v.nodes.join('\n    ')}`);
}

/** How many pixels the page is wider than the window (0 when it fits), and the widest elements. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow <= 0) return { overflow: 0, culprits: [] };
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('[data-radix-popper-content-wrapper], [data-sonner-toaster]'))
      .filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''}.${String(el.className).split(' ').slice(0, 4).join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { overflow, culprits };
  });
}

// The tenant dashboard in a real browser against the real local stack (no mocked API):
// register (unverified) → create a bot → add knowledge (form and CSV) → test panel →
// conversations → leads (CSV export) → appointments (book in the dialog, cancel) and booking
// settings (a new resource used in the same save) → the overview's count of the assistant's
// appointments, a link to one appointment, the calendar subscription link → verify the address
// from the mail → WhatsApp →
// change the password and the address → a second tenant → the team (an invitation sent from the
// Team tab, signed up for and accepted from the mailed link in a second browser, a role change
// and a removal) → switch to English → log out and back in; password
// reset from the mail; security headers, and no Content-Security-Policy violation on any page
// visited. Every page, at 1440 px and 390 px, has no serious or critical axe-core violation,
// is no wider than the window and logs nothing in the console; no page visited logs an error
// other than the API refusals the tests provoke. Mail is read from the local moto launcher's
// mailbox. Screenshots of every page at 1440 px and 390 px land in test-artifacts/.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';

import {
  api,
  apiHasRoute,
  axeViolations,
  consoleErrors,
  cspViolations,
  formatConsoleErrors,
  horizontalOverflow,
  isApiRefusal,
  launchBrowser,
  mailedToken,
  mailTo,
  messages,
  screenshot,
  skipReason,
  startDashboard,
  waitForMail,
  watch,
  watchCsp,
} from './harness.mjs';

const tr = messages.tr;
const en = messages.en;

describe('tenant dashboard', { skip: skipReason }, () => {
  const stamp = Date.now().toString(36);
  const account = {
    full_name: 'Ayşe Yılmaz',
    tenant_name: `Kafe Lavanta ${stamp}`,
    email: `e2e-${stamp}@example.com`,
    password: 'correct-horse-battery',
  };
  let dashboard;
  let browser;
  let page;
  let botId;
  let botKey;
  const routes = {};

  before(async () => {
    dashboard = await startDashboard();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = watch(await context.newPage());
    page.setDefaultTimeout(15_000);
    routes.test = await apiHasRoute('POST', '/bots/x/test', { message: 'x' });
    routes.gaps = await apiHasRoute('GET', '/bots/x/knowledge-gaps');
    routes.attachGap = await apiHasRoute('POST', '/bots/x/knowledge-gaps/x/attach', { item_id: 'x' });
    routes.publicChat = await apiHasRoute('POST', '/public/chat/init', {});
    routes.publicLeads = await apiHasRoute('POST', '/public/leads', {});
    routes.whatsapp = await apiHasRoute('GET', '/bots/x/whatsapp-integration');
    routes.appointments = await apiHasRoute('GET', '/bots/x/calendar');
  });

  /** The API's own headers for the test account (a session of its own, as a second device would have). */
  async function apiHeaders() {
    const res = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const { tokens } = await res.json();
    return { Authorization: `Bearer ${tokens.access_token}`, 'Content-Type': 'application/json' };
  }

  /** A day in Istanbul (YYYY-MM-DD), `days` after today; Istanbul keeps +03:00 all year. */
  const istanbulDay = (days) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(Date.now() + days * 86_400_000),
    );

  after(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  test('before its script runs, the login form cannot send the password in the URL', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const raw = watchCsp(await context.newPage());
    await raw.goto(`${dashboard.url}/login`);
    await raw.locator('input[type=email]').fill('ayse@example.com');
    await raw.locator('input[type=password]').fill('gizli-parola-123');
    await raw.locator('input[type=password]').press('Enter');
    await raw.waitForTimeout(500);
    assert.ok(!raw.url().includes('gizli') && !raw.url().includes('password'), raw.url());
    assert.equal(await raw.locator('[data-testid=login-form]').getAttribute('method'), 'post');
    await context.close();
  });

  test('every page carries the security headers; no other site can frame the dashboard', async () => {
    const res = await fetch(`${dashboard.url}/login`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /base-uri 'self'/);
    assert.match(csp, /form-action 'self'/);
    // The browser talks to the API directly.
    assert.ok(csp.split(';').some((d) => d.trim().startsWith('connect-src') && d.includes(new URL(api).origin)), csp);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');

    // A page elsewhere that frames /login gets Chromium's error page, not the login form.
    // (Not watched for CSP reports: the refusal is one.)
    const context = await browser.newContext();
    const framer = await context.newPage();
    await framer.setContent(`<iframe src="${dashboard.url}/login" onload="window.framed = true"></iframe>`);
    await framer.waitForFunction(() => window.framed === true, null, { timeout: 15_000 });
    const frame = framer.frames().find((f) => f !== framer.mainFrame());
    assert.ok(frame && !frame.url().startsWith(dashboard.url), `the frame loaded ${frame?.url()}`);
    assert.equal(await frame.locator('[data-testid=login-form]').count().catch(() => 0), 0);
    await context.close();
  });

  test('the dashboard redirects to login without a session', async () => {
    await page.goto(`${dashboard.url}/dashboard/leads`);
    await page.waitForURL(/\/login\?next=%2Fdashboard%2Fleads/);
    await page.getByText(tr.auth.login.title).waitFor();
  });

  test('register shows inline validation, then creates the account and opens the overview, unverified', async () => {
    await page.goto(`${dashboard.url}/register`);
    await page.getByRole('button', { name: tr.auth.register.submit }).click();
    await page.getByText(tr.validation.passwordMin).waitFor();
    // Explicit consent (KVKK): the box must be ticked; its label links the three documents.
    await page.getByText(tr.validation.consent).waitFor();
    const consent = page.getByTestId('register-consent');
    for (const path of ['/gizlilik', '/kullanim-kosullari', '/veri-isleme-sozlesmesi']) {
      assert.equal(await page.locator(`form a[href="${path}"]`).count() > 0, true, path);
    }
    await screenshot(page, 'register-1440');

    await page.getByLabel(tr.auth.fields.fullName).fill(account.full_name);
    await page.getByLabel(tr.auth.fields.tenantName).fill(account.tenant_name);
    await page.getByLabel(tr.auth.fields.email).fill(account.email);
    await page.getByLabel(tr.auth.fields.password).fill(account.password);
    await consent.click();
    await page.getByRole('button', { name: tr.auth.register.submit }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('stat-cards').getByText(tr.overview.cards.bots).waitFor();
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    assert.equal(await page.getByTestId('tenant-name').textContent(), account.tenant_name);
    // Signed in at once, but the address is not verified yet: the banner says what waits for it.
    await page.getByTestId('verify-banner').getByText(tr.emailVerification.banner).waitFor();
    await screenshot(page, 'overview-1440');
    // The verification mail is in the mailbox.
    await mailedToken(account.email, '/verify-email');
  });

  test('registering a taken email gives the same "check your mail" answer; the mail tells the owner', async () => {
    const before = (await mailTo(account.email)).length;
    const context = await browser.newContext();
    const other = watch(await context.newPage());
    await other.goto(`${dashboard.url}/register`);
    await other.getByLabel(tr.auth.fields.fullName).fill('Başka Biri');
    await other.getByLabel(tr.auth.fields.tenantName).fill('Başka');
    await other.getByLabel(tr.auth.fields.email).fill(account.email);
    await other.getByLabel(tr.auth.fields.password).fill('someone-elses-password');
    await other.getByTestId('register-consent').click();
    await other.getByRole('button', { name: tr.auth.register.submit }).click();
    const notice = other.getByTestId('register-check-email');
    await notice.getByText(tr.auth.register.checkEmailTitle).waitFor();
    // Nothing on the page tells that the address has an account.
    assert.equal(await other.getByTestId('form-alert').count(), 0);
    assert.ok(!(await notice.textContent()).includes(tr.errors.email_taken));
    assert.match(other.url(), /\/register$/);
    await screenshot(other, 'register-check-email-1440');
    // The owner learns it by mail, with a way back in.
    await waitForMail(account.email, (m) => /\/forgot-password/.test(m.text ?? ''), { after: before });
    await context.close();
  });

  test('forgot password: the mailed link sets a new password, which then logs in; the link works once', async () => {
    const owner = { email: `e2e-reset-${stamp}@example.com`, password: 'first-password-123' };
    const created = await fetch(`${api}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...owner, full_name: 'Mehmet Öz', tenant_name: `Öz Eczane ${stamp}` }),
    });
    assert.equal(created.status, 202);

    const context = await browser.newContext();
    const visitor = watch(await context.newPage());
    visitor.setDefaultTimeout(15_000);
    await visitor.goto(`${dashboard.url}/login`);
    await visitor.getByRole('link', { name: tr.auth.login.forgot }).click();
    await visitor.waitForURL(/\/forgot-password$/);
    await visitor.getByLabel(tr.auth.fields.email).fill(owner.email);
    await visitor.getByRole('button', { name: tr.auth.forgot.submit }).click();
    await visitor.getByTestId('forgot-sent').getByText(tr.auth.forgot.sentTitle).waitFor();
    await screenshot(visitor, 'forgot-password-sent-1440');

    const token = await mailedToken(owner.email, '/reset-password');
    const link = `${dashboard.url}/reset-password?token=${token}`;
    await visitor.goto(link);
    const form = visitor.getByTestId('reset-form');
    await form.getByLabel(tr.auth.fields.newPassword, { exact: true }).fill('second-password-456');
    await form.getByLabel(tr.auth.fields.confirmPassword, { exact: true }).fill('second-password-45');
    await form.getByRole('button', { name: tr.auth.reset.submit }).click();
    await form.getByText(tr.validation.passwordMismatch).waitFor();
    await form.getByLabel(tr.auth.fields.confirmPassword, { exact: true }).fill('second-password-456');
    await screenshot(visitor, 'reset-password-1440');
    await form.getByRole('button', { name: tr.auth.reset.submit }).click();
    await visitor.getByTestId('reset-done').getByRole('link', { name: tr.auth.reset.toLogin }).click();
    await visitor.waitForURL(/\/login$/);

    await visitor.getByLabel(tr.auth.fields.email).fill(owner.email);
    await visitor.getByLabel(tr.auth.fields.password).fill('second-password-456');
    await visitor.getByRole('button', { name: tr.auth.login.submit }).click();
    await visitor.waitForURL(/\/dashboard$/);
    await visitor.getByTestId('tenant-name').getByText(`Öz Eczane ${stamp}`).waitFor();

    // The link is spent: opened again, it says so and offers a new one.
    await visitor.goto(link);
    await visitor.getByLabel(tr.auth.fields.newPassword, { exact: true }).fill('third-password-789');
    await visitor.getByLabel(tr.auth.fields.confirmPassword, { exact: true }).fill('third-password-789');
    await visitor.getByRole('button', { name: tr.auth.reset.submit }).click();
    await visitor.getByTestId('reset-invalid').getByRole('link', { name: tr.auth.reset.newLink }).waitFor();
    await context.close();
  });

  test('a bot is created from the empty bots page and its embed code is shown', async () => {
    await page.getByRole('link', { name: tr.nav.bots }).first().click();
    await page.waitForURL(/\/dashboard\/bots$/);
    await page.getByText(tr.bots.empty).waitFor();
    await screenshot(page, 'bots-empty-1440');

    await page.getByTestId('create-bot').first().click();
    await page.getByLabel(tr.bots.fields.name).fill('Lavanta Asistanı');
    await page.getByRole('button', { name: tr.bots.createDialog.submit }).click();
    await page.waitForURL(/\/dashboard\/bots\/[0-9a-z]{26}$/);
    botId = page.url().split('/').pop();

    const snippet = await page.getByTestId('embed-snippet').textContent();
    const match = /<script src="(.+)\/widget\.js" data-bot-key="([^"]+)" async><\/script>/.exec(snippet);
    assert.ok(match, `unexpected snippet: ${snippet}`);
    botKey = match[2];
    await page.getByTestId('widget-mock').waitFor();
    await screenshot(page, 'bot-edit-1440');
  });

  test('bot settings are validated inline and saved', async () => {
    const form = page.getByTestId('bot-form');
    await form.getByLabel(tr.bots.fields.allowedOrigins).fill('not a url');
    await page.getByTestId('save-bot').click();
    await page.getByText(tr.validation.origin).waitFor();

    await form.getByLabel(tr.bots.fields.allowedOrigins).fill('');
    await form.locator('input[name="primary_color"]').fill('#10B981');
    await form.getByLabel(tr.bots.fields.welcomeMessage).fill('Merhaba! Lavanta’ya hoş geldiniz.');
    await page.getByTestId('save-bot').click();
    await page.getByText(tr.bots.detail.saved).waitFor();

    const res = await page.evaluate(() => document.querySelector('[data-testid="widget-mock"] span[style]')?.getAttribute('style'));
    assert.match(res ?? '', /16, 185, 129|#10B981/i);

    // The business's privacy notice, linked from the widget's lead form: https only.
    const notice = form.getByTestId('bot-privacy-url');
    await notice.fill('http://lavanta.example/kvkk');
    await page.getByTestId('save-bot').click();
    await form.getByText(tr.validation.httpsUrl).waitFor();
    await notice.fill('https://lavanta.example/kvkk');
    await page.getByTestId('save-bot').click();
    await page.getByText(tr.bots.detail.saved).first().waitFor();
    let withNotice;
    for (let i = 0; i < 50 && withNotice?.privacy_url !== 'https://lavanta.example/kvkk'; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      withNotice = await fetch(`${api}/bots/${botId}`, { headers: await apiHeaders() }).then((r) => r.json());
    }
    assert.equal(withNotice.privacy_url, 'https://lavanta.example/kvkk');

    // Resolved conversations go back to the bot when chosen (and to the team again after).
    const reopen = form.getByTestId('reopen-to-bot');
    assert.equal(await reopen.getAttribute('aria-checked'), 'false');
    for (const wanted of [true, false]) {
      await reopen.click();
      await page.getByTestId('save-bot').click();
      await page.getByText(tr.bots.detail.saved).first().waitFor();
      let saved;
      for (let i = 0; i < 50 && saved?.reopen_to_bot !== wanted; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        saved = await fetch(`${api}/bots/${botId}`, { headers: await apiHeaders() }).then((r) => r.json());
      }
      assert.equal(saved.reopen_to_bot, wanted);
    }
  });

  test('the live preview runs the real widget bundle', async () => {
    await page.getByTestId('preview-live-tab').click();
    const frame = page.frameLocator('[data-testid="widget-live"]');
    // widget.js mounts one host element with a shadow root.
    await frame.locator('script[data-bot-key]').waitFor({ state: 'attached' });
    const loaded = await page.waitForFunction(
      () => {
        const doc = document.querySelector('[data-testid="widget-live"]')?.contentDocument;
        return doc && [...doc.body.children].some((el) => el.shadowRoot);
      },
      null,
      { timeout: 10_000 },
    ).then(() => true, () => false);
    await screenshot(page, 'bot-preview-live-1440');
    if (!routes.publicChat) return; // the widget needs /public/chat/init to draw itself
    assert.ok(loaded, 'widget.js did not mount in the preview');
  });

  test('knowledge is added with the form and by CSV, with row errors shown for a bad file', async () => {
    await page.goto(`${dashboard.url}/dashboard/bots/${botId}/knowledge`);
    await page.getByText(tr.knowledge.empty).waitFor();
    await screenshot(page, 'knowledge-empty-1440');

    await page.getByTestId('add-knowledge').first().click();
    const dialog = page.getByTestId('knowledge-form');
    await dialog.getByLabel(tr.knowledge.dialog.title).fill('Çalışma saatleri');
    await dialog.getByLabel(tr.knowledge.dialog.question).fill('Kaçta açıksınız?');
    await dialog.getByLabel(tr.knowledge.dialog.answer).fill('Her gün 09:00 ile 22:00 arasında açığız.');
    await page.getByTestId('save-knowledge').click();
    await page.getByTestId('knowledge-table').getByText('Çalışma saatleri').waitFor();

    await page.getByTestId('import-knowledge').click();
    await page.getByTestId('knowledge-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('title,question,answer\nAdres,Neredesiniz?,\n'),
    });
    await page.getByTestId('submit-import').click();
    const errors = page.getByTestId('import-errors');
    await errors.getByRole('cell', { name: 'answer' }).waitFor();
    await screenshot(page, 'knowledge-import-errors-1440');

    await page.getByTestId('knowledge-file').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'title,question,answer\n"Adres","Neredesiniz?","Moda Caddesi No: 12, Kadıköy"\n"Rezervasyon","Rezervasyon yapabilir miyim?","Evet, telefonla veya buradan yapabilirsiniz."\n',
      ),
    });
    await page.getByTestId('submit-import').click();
    await page.getByTestId('knowledge-table').getByText('Rezervasyon', { exact: true }).waitFor();
    assert.equal(await page.getByTestId('knowledge-table').locator('tbody tr').count(), 3);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-knowledge').click();
    await page.getByRole('menuitem', { name: 'CSV' }).click();
    assert.match((await download).suggestedFilename(), /\.csv$/);
    await screenshot(page, 'knowledge-1440');
  });

  test('the test panel answers from the knowledge base', async (t) => {
    await page.getByTestId('test-tab').click();
    await page.getByRole('textbox', { name: tr.knowledge.test.placeholder }).fill('Kaçta açıksınız?');
    await page.getByTestId('test-send').click();
    if (!routes.test) {
      await page.getByTestId('form-alert').waitFor();
      await screenshot(page, 'knowledge-test-unavailable-1440');
      t.skip('POST /bots/{id}/test is not served by this API snapshot (the panel shows the problem instead)');
      return;
    }
    await page.getByTestId('test-reply').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('test-confidence').first().waitFor();
    await screenshot(page, 'knowledge-test-1440');
  });

  test('the knowledge gaps tab lists unanswered questions or its empty state', async (t) => {
    await page.getByTestId('gaps-tab').click();
    if (!routes.gaps) {
      await page.getByTestId('error-state').waitFor();
      t.skip('GET /bots/{id}/knowledge-gaps is not served by this API snapshot');
      return;
    }
    await page.locator('[data-testid="gap-list"], [data-testid="empty-state"]').first().waitFor();
    await screenshot(page, 'knowledge-gaps-1440');
  });

  test('a knowledge gap is added to an existing item, which then lists it among its other ways to ask', async (t) => {
    if (!routes.gaps || !routes.publicChat || !routes.attachGap) {
      t.skip('the knowledge gap, public chat or gap attach routes are not served by this API snapshot');
      return;
    }
    // A visitor asks something the knowledge base does not cover: the bot refuses, a gap is recorded.
    const question = 'Botoks yapıyor musunuz?';
    const init = await fetch(`${api}/public/chat/init`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: dashboard.url },
      body: JSON.stringify({ bot_public_key: botKey }),
    }).then((r) => r.json());
    const sent = await fetch(`${api}/public/chat/send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.visitor_token}`, Origin: dashboard.url },
      body: JSON.stringify({ conversation_id: init.conversation_id, message: question }),
    });
    assert.equal(sent.status, 200, await sent.text());

    await page.goto(`${dashboard.url}/dashboard/bots/${botId}/knowledge?tab=gaps`);
    const gap = page.getByTestId('gap-item').filter({ hasText: question });
    await gap.getByTestId('gap-attach').click();
    const dialog = page.getByTestId('attach-dialog');
    await dialog.getByText(question).first().waitFor();
    // The item list is searchable (case and Turkish letters aside).
    await dialog.getByTestId('attach-option').first().waitFor();
    await dialog.getByTestId('attach-search').fill('REZERV');
    const options = dialog.getByTestId('attach-option');
    await options.filter({ hasText: 'Adres' }).waitFor({ state: 'detached' });
    assert.equal(await options.count(), 1);
    await options.filter({ hasText: 'Rezervasyon' }).click();
    await screenshot(page, 'knowledge-gap-attach-1440');
    await dialog.getByTestId('attach-submit').click();
    await page.getByText(tr.knowledge.gaps.attach.done.replace('{title}', 'Rezervasyon')).waitFor();
    await dialog.waitFor({ state: 'detached' });
    // The gap is gone from the list.
    await gap.waitFor({ state: 'detached' });

    // The item now knows the question: a badge in its row, and a row of its edit dialog.
    await page.getByRole('tab', { name: tr.knowledge.tabs.items }).click();
    const row = page.getByTestId('knowledge-table').locator('tbody tr', { hasText: 'Rezervasyon yapabilir miyim?' });
    await row.getByTestId('alternatives-badge').getByText(tr.knowledge.alternativesBadge.replace('{count}', '1')).waitFor();
    await row.getByRole('button', { name: tr.knowledge.editItem.replace('{title}', 'Rezervasyon') }).click();
    const form = page.getByTestId('knowledge-form');
    await form.getByTestId('alternative-input').first().waitFor();
    const alternatives = await form.getByTestId('alternative-input').evaluateAll((inputs) => inputs.map((i) => i.value));
    assert.deepEqual(alternatives, [question]);
    await screenshot(page, 'knowledge-alternatives-1440');
    await form.getByRole('button', { name: tr.common.cancel }).click();
    await form.waitFor({ state: 'detached' });
  });

  test('a visitor conversation appears; the operator replies and pauses the bot', async (t) => {
    if (routes.publicChat) {
      const init = await fetch(`${api}/public/chat/init`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: dashboard.url },
        body: JSON.stringify({ bot_public_key: botKey }),
      }).then((r) => r.json());
      await fetch(`${api}/public/chat/send`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.visitor_token}`, Origin: dashboard.url },
        body: JSON.stringify({ conversation_id: init.conversation_id, message: 'Merhaba, kaçta açıksınız?' }),
      });
    }
    await page.goto(`${dashboard.url}/dashboard/bots/${botId}/conversations`);
    if (!routes.publicChat) {
      await page.getByText(tr.conversations.empty).waitFor();
      await screenshot(page, 'conversations-empty-1440');
      t.skip('the public chat routes are not served by this API snapshot, so no conversation can be started');
      return;
    }
    await page.getByTestId('conversation-list').locator('button').first().click();
    await page.getByTestId('message-user').first().waitFor();
    await page.getByTestId('handoff-toggle').click();
    await page.getByText(tr.conversations.paused).waitFor();
    await page.getByRole('textbox', { name: tr.conversations.replyPlaceholder }).fill('Merhaba, ben Ayşe. Nasıl yardımcı olabilirim?');
    await page.getByTestId('operator-reply').getByRole('button', { name: tr.conversations.send }).click();
    await page.getByTestId('message-operator').getByText('ben Ayşe').waitFor();
    if (routes.appointments) {
      // The side panel lists the appointments booked in the conversation: none in this one.
      await page.getByTestId('linked-appointments').getByText(tr.appointments.linked.empty).waitFor();
    }
    await screenshot(page, 'conversation-1440');
  });

  test('the leads page filters, shows the seed empty state or leads, and exports CSV', async () => {
    if (routes.publicLeads) {
      const res = await fetch(`${api}/public/leads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: dashboard.url },
        body: JSON.stringify({ bot_public_key: botKey, name: 'Mehmet Demir', phone: '+905321234567' }),
      });
      assert.equal(res.status, 201);
    }
    await page.getByRole('link', { name: tr.nav.leads }).first().click();
    await page.waitForURL(/\/dashboard\/leads$/);
    if (routes.publicLeads) {
      await page.getByTestId('lead-table').getByText('Mehmet Demir').waitFor();
      await page.getByTestId('lead-status').first().click();
      await page.getByRole('option', { name: tr.leads.status.contacted }).click();
      await page.getByText(tr.leads.updated).waitFor();
      await page.getByTestId('lead-search').fill('zzz-no-such-lead');
      await page.getByText(tr.leads.noMatches).waitFor();
      await page.getByTestId('lead-search').fill('');
    } else {
      await page.getByText(tr.leads.empty).waitFor();
    }
    await screenshot(page, 'leads-1440');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-leads').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.csv$/);
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    assert.match(csv.replace(/^\uFEFF/, ''), /^id,created_at,bot,name,email,phone,status,source,notes/);
  });

  test('appointments: without a calendar the page points to its settings; a booking made in the dialog shows in the week and is cancelled', async (t) => {
    if (!routes.appointments) {
      t.skip('the appointment routes are not served by this API snapshot');
      return;
    }
    // A bot never set up has an empty calendar (version 0): the page explains and links to the settings.
    await page.getByRole('link', { name: tr.nav.appointments }).first().click();
    await page.waitForURL(/\/dashboard\/appointments$/);
    await page.getByText(tr.appointments.noCalendar.title).waitFor();
    assert.match(await page.getByTestId('calendar-setup-link').getAttribute('href'), new RegExp(`/dashboard/bots/${botId}/calendar$`));
    await screenshot(page, 'appointments-empty-1440');

    // One 30-minute service and one resource working every day 09:00–18:00, through the API.
    const headers = await apiHeaders();
    const empty = await fetch(`${api}/bots/${botId}/calendar`, { headers }).then((r) => r.json());
    assert.equal(empty.version, 0);
    assert.equal(empty.time_zone, 'Europe/Istanbul');
    const day = [{ from: '09:00', to: '18:00' }];
    const put = await fetch(`${api}/bots/${botId}/calendar`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        version: 0,
        time_zone: 'Europe/Istanbul',
        slot_step_minutes: 30,
        buffer_minutes: 0,
        min_notice_minutes: 60,
        max_days_ahead: 30,
        reminder_minutes_before: 0,
        reminder_template: null,
        services: [{ name: 'Muayene', duration_minutes: 30, price_text: '750 TL', description: '', active: true, resource_ids: [] }],
        resources: [{ name: 'Dt. Elif Kaya', active: true, hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } }],
        closures: [],
      }),
    });
    const saved = await put.text();
    assert.equal(put.status, 200, saved);
    assert.equal(JSON.parse(saved).version, 1);

    // Tomorrow always has free times (09:00–18:00 with an hour's notice): book its first one.
    const tomorrow = istanbulDay(1);
    await page.reload();
    await page.getByTestId('week-grid').waitFor();
    await page.getByTestId('new-appointment').click();
    const form = page.getByTestId('booking-form');
    // The only service is chosen already.
    await form.getByTestId('booking-service').getByText('Muayene').waitFor();
    await form.getByTestId('booking-day').fill(tomorrow);
    const first = form.locator(`[data-testid="slot-picker"][data-day="${tomorrow}"] [data-testid="slot-option"]`).first();
    await first.waitFor();
    const time = (await first.textContent()).trim();
    assert.match(time, /^\d\d:\d\d$/);
    await first.click();
    await form.getByTestId('booking-selected').waitFor();
    // The name is required; a phone number must be E.164 (spaces are fine, they are taken out).
    await form.getByTestId('booking-submit').click();
    await form.getByText(tr.validation.required).waitFor();
    await form.getByLabel(tr.appointments.create.name).fill('Zeynep Kaya');
    await form.getByLabel(tr.appointments.create.phone).fill('0532 765 43 21');
    await form.getByTestId('booking-submit').click();
    await form.getByText(tr.validation.phone).waitFor();
    await form.getByLabel(tr.appointments.create.phone).fill('+90 532 765 43 21');
    await screenshot(page, 'appointment-new-1440');
    await form.getByTestId('booking-submit').click();
    await page.getByText(tr.appointments.create.created).waitFor();
    await form.waitFor({ state: 'detached' });

    // The week view (moved to tomorrow's week if need be) shows it in tomorrow's column, at its time.
    const block = page.getByTestId('week-grid').getByTestId('appointment-block').filter({ hasText: 'Zeynep Kaya' });
    await block.waitFor();
    assert.ok((await block.textContent()).includes(time), await block.textContent());
    assert.equal(await block.evaluate((el) => el.closest('[data-testid="grid-column"]').dataset.day), tomorrow);
    assert.equal(await block.getAttribute('data-status'), 'booked');
    await screenshot(page, 'appointments-week-1440');

    // Opened, it shows its details; cancelling asks first.
    await block.click();
    const detail = page.getByTestId('appointment-detail');
    await detail.getByText('+905327654321').waitFor();
    await detail.getByTestId('appointment-status').getByText(tr.appointments.statuses.booked).waitFor();
    await screenshot(page, 'appointment-detail-1440');
    await detail.getByTestId('appointment-cancel').click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(tr.appointments.detail.cancelTitle).waitFor();
    await confirm.getByRole('button', { name: tr.appointments.detail.cancelConfirm }).click();
    await page.getByText(tr.appointments.detail.cancelled).first().waitFor();
    await detail.waitFor({ state: 'detached' });
    // Cancelled appointments are hidden until asked for, then shown as cancelled.
    await block.waitFor({ state: 'detached' });
    await page.getByTestId('show-cancelled').click();
    await page.getByTestId('week-grid').locator('[data-testid="appointment-block"][data-status="cancelled"]', { hasText: 'Zeynep Kaya' }).waitFor();

    const from = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const to = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const listed = await fetch(`${api}/appointments?bot_id=${botId}&from=${from}&to=${to}`, { headers }).then((r) => r.json());
    const booked = listed.items.find((a) => a.customer.name === 'Zeynep Kaya');
    assert.equal(booked?.status, 'cancelled');
    assert.equal(booked.customer.phone, '+905327654321');
    assert.equal(booked.source, 'dashboard');
    assert.equal(booked.start.slice(0, 16), `${tomorrow}T${time}`);

    // The list view has the same appointments as a table.
    await page.getByTestId('view-list').click();
    await page.getByTestId('appointment-table').getByText('Zeynep Kaya').waitFor();
    await screenshot(page, 'appointments-list-1440');
    await page.getByTestId('view-week').click();

    // On a phone the week becomes a list of days, and nothing is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('appointment-day-list').waitFor();
    assert.equal(await page.getByTestId('week-grid').isVisible(), false);
    await page.waitForLoadState('networkidle').catch(() => {});
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await screenshot(page, 'appointments-390');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('booking settings: checked in the form, saved with the version read, and a newer save elsewhere is reported', async (t) => {
    if (!routes.appointments) {
      t.skip('the appointment routes are not served by this API snapshot');
      return;
    }
    await page.goto(`${dashboard.url}/dashboard/bots/${botId}/calendar`);
    const service = page.getByTestId('service-row').first();
    assert.equal(await service.getByLabel(tr.calendar.services.name).inputValue(), 'Muayene');
    await page.getByTestId('resource-row').first().getByText(tr.calendar.weekdays.sun, { exact: true }).waitFor();

    // A duration off the 5-minute step is refused before anything is sent.
    await service.getByLabel(tr.calendar.services.duration).fill('7');
    await page.getByTestId('save-calendar').click();
    await service.getByText(tr.validation.duration).waitFor();
    await service.getByLabel(tr.calendar.services.duration).fill('30');
    await page.getByLabel(tr.calendar.rules.buffer).fill('10');
    await page.getByTestId('save-calendar').click();
    await page.getByText(tr.calendar.saved).waitFor();
    await screenshot(page, 'bot-calendar-1440');

    const headers = await apiHeaders();
    const current = await fetch(`${api}/bots/${botId}/calendar`, { headers }).then((r) => r.json());
    assert.equal(current.version, 2);
    assert.equal(current.buffer_minutes, 10);

    // Someone else saves meanwhile: this form's next save is refused and the current version offered.
    const document = { ...current, max_days_ahead: 60 };
    delete document.bot_id;
    delete document.updated_at;
    const elsewhere = await fetch(`${api}/bots/${botId}/calendar`, { method: 'PUT', headers, body: JSON.stringify(document) });
    assert.equal(elsewhere.status, 200, await elsewhere.text());
    await page.getByLabel(tr.calendar.rules.buffer).fill('15');
    await page.getByTestId('save-calendar').click();
    await page.getByTestId('calendar-conflict').getByText(tr.calendar.conflictTitle).waitFor();
    await screenshot(page, 'bot-calendar-conflict-1440');
    await page.getByTestId('calendar-reload').click();
    await page.getByTestId('calendar-conflict').waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel(tr.calendar.rules.buffer).inputValue(), '10');
    assert.equal(await page.getByLabel(tr.calendar.rules.maxDaysAhead).inputValue(), '60');

    // A resource added in this save can already be given a service and a closed day: new rows
    // get their ids in the browser.
    await page.getByTestId('add-resource').click();
    await page.getByTestId('resource-row').nth(1).getByLabel(tr.calendar.resources.name).fill('Dt. Can Aydın');
    await service.getByRole('checkbox', { name: 'Dt. Can Aydın' }).click();
    await page.getByTestId('add-closure').click();
    await page.getByTestId('closure-row').first().getByRole('combobox').click();
    await page.getByRole('option', { name: 'Dt. Can Aydın' }).click();
    const put = page.waitForResponse((r) => r.url().endsWith(`/bots/${botId}/calendar`) && r.request().method() === 'PUT');
    await page.getByTestId('save-calendar').click();
    const response = await put;
    assert.equal(response.status(), 200, await response.text());
    const withNew = await fetch(`${api}/bots/${botId}/calendar`, { headers }).then((r) => r.json());
    const added = withNew.resources.find((r) => r.name === 'Dt. Can Aydın');
    assert.match(added?.id ?? '', /^[0-9a-hjkmnp-tv-z]{26}$/, JSON.stringify(withNew.resources));
    assert.deepEqual(withNew.services[0].resource_ids, [added.id]);
    assert.equal(withNew.closures.length, 1);
    assert.equal(withNew.closures[0].resource_id, added.id);
  });

  test("the overview counts the assistant's appointments; a link opens an appointment; the calendar subscription link is created, replaced and revoked", async (t) => {
    if (!routes.appointments) {
      t.skip('the appointment routes are not served by this API snapshot');
      return;
    }
    // The only appointment so far was booked in the dashboard, so the assistant has booked none.
    await page.goto(`${dashboard.url}/dashboard`);
    const card = page.getByTestId('stat-assistant-appointments');
    await card.getByText(tr.overview.cards.assistantAppointments).waitFor();
    await card.getByText(tr.overview.cards.assistantHint.replace('{count}', '0')).waitFor();
    await screenshot(page, 'overview-1440');

    // /dashboard/appointments?appointment=<id> (the conversation and lead links) opens its week and its details.
    const headers = await apiHeaders();
    const from = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const to = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const listed = await fetch(`${api}/appointments?bot_id=${botId}&from=${from}&to=${to}`, { headers }).then((r) => r.json());
    const booked = listed.items.find((a) => a.customer.name === 'Zeynep Kaya');
    assert.ok(booked, JSON.stringify(listed));
    await page.goto(`${dashboard.url}/dashboard/appointments?appointment=${booked.id}`);
    const detail = page.getByTestId('appointment-detail');
    await detail.getByText('Zeynep Kaya').first().waitFor();
    await detail.getByTestId('appointment-status').getByText(tr.appointments.statuses.cancelled).waitFor();
    // Cancelled, so cancelled appointments are shown behind it, in its week.
    const block = page.getByTestId('week-grid').locator('[data-testid="appointment-block"][data-status="cancelled"]', { hasText: 'Zeynep Kaya' });
    await block.waitFor({ state: 'attached' });
    assert.equal(await block.evaluate((el) => el.closest('[data-testid="grid-column"]').dataset.day), istanbulDay(1));
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /appointment=/);

    // The calendar feed is being added to the API: skip what follows while it is not there.
    const status = await fetch(`${api}/calendar-feed`, { headers });
    if (status.status === 404) {
      t.skip('GET /calendar-feed is not served by this API snapshot');
      return;
    }
    assert.equal(status.status, 200, await status.clone().text());
    assert.equal((await status.json()).active, false);

    await page.getByTestId('calendar-feed-open').click();
    const feed = page.getByTestId('calendar-feed');
    await feed.getByText(tr.appointments.feed.inactive).waitFor();
    await feed.getByTestId('calendar-feed-create').click();
    const input = feed.getByTestId('calendar-feed-url');
    await input.waitFor();
    const url = await input.inputValue();
    assert.ok(url.startsWith(`${api}/`), `${url} does not start with ${api}/`);
    assert.match(url, /\/public\/calendar\/[^/?#]+$/);
    await screenshot(page, 'appointments-feed-1440');
    // Anyone with the link reads the calendar, without a login.
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    assert.match(await ics.text(), /^BEGIN:VCALENDAR/);
    assert.equal((await fetch(`${api}/calendar-feed`, { headers }).then((r) => r.json())).active, true);

    // A new link (asked first) replaces the old one, which stops working at once.
    await feed.getByTestId('calendar-feed-replace').click();
    let confirm = page.getByRole('alertdialog');
    await confirm.getByText(tr.appointments.feed.replaceTitle).waitFor();
    await confirm.getByRole('button', { name: tr.appointments.feed.replace }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(
      ([testId, old]) => {
        const value = document.querySelector(`[data-testid="${testId}"]`)?.value;
        return Boolean(value) && value !== old;
      },
      ['calendar-feed-url', url],
    );
    const replaced = await input.inputValue();
    assert.match(replaced, /\/public\/calendar\//);
    assert.equal((await fetch(url)).ok, false);
    assert.equal((await fetch(replaced)).status, 200);

    // Revoked (asked first): the link stops working and the dialog says there is none.
    await feed.getByTestId('calendar-feed-revoke').click();
    confirm = page.getByRole('alertdialog');
    await confirm.getByText(tr.appointments.feed.revokeTitle).waitFor();
    await confirm.getByRole('button', { name: tr.appointments.feed.revoke }).click();
    await page.getByText(tr.appointments.feed.revoked).first().waitFor();
    await feed.getByText(tr.appointments.feed.inactive).waitFor();
    assert.equal(await input.count(), 0);
    assert.equal((await fetch(replaced)).ok, false);
    assert.deepEqual(await fetch(`${api}/calendar-feed`, { headers }).then((r) => r.json()), { active: false, created_at: null });
    await feed.getByRole('button', { name: tr.common.close, exact: true }).click();
    await feed.waitFor({ state: 'detached' });
  });

  test('until the address is verified WhatsApp refuses to connect; the mailed link verifies it', async () => {
    // A new link on request (the sign-up mail's link works too; the newest is used below).
    const before = (await mailTo(account.email)).length;
    await page.goto(`${dashboard.url}/dashboard`);
    await page.getByTestId('resend-verification').click();
    await page.getByTestId('resend-verification-status').getByText(account.email).waitFor();
    await screenshot(page, 'verify-banner-1440');

    if (routes.whatsapp) {
      await page.goto(`${dashboard.url}/dashboard/settings?tab=whatsapp`);
      await page.getByTestId('whatsapp-unverified').getByText(tr.settings.whatsapp.unverifiedTitle).waitFor();
      const form = page.getByTestId('whatsapp-form');
      await form.getByLabel(tr.settings.whatsapp.fields.phoneNumberId).fill('100000000000001');
      await form.getByLabel(tr.settings.whatsapp.fields.businessAccountId).fill('200000000000001');
      await form.getByLabel(tr.settings.whatsapp.fields.accessToken).fill('local-simulator-business-token');
      await page.getByTestId('save-whatsapp').click();
      // 403 email_not_verified, said plainly.
      await form.getByTestId('form-alert').getByText(tr.errors.email_not_verified).waitFor();
      await screenshot(page, 'settings-whatsapp-unverified-1440');
    }

    // Opening the link does nothing by itself (mail scanners open links): the button verifies.
    const token = await mailedToken(account.email, '/verify-email', { after: before });
    await page.goto(`${dashboard.url}/verify-email?token=${token}`);
    await page.getByTestId('verify-ready').waitFor();
    await screenshot(page, 'verify-email-1440');
    await page.getByRole('button', { name: tr.auth.verify.submit }).click();
    const done = page.getByTestId('verify-done');
    await done.getByText(tr.auth.verify.doneTitle).waitFor();
    await done.getByRole('link', { name: tr.auth.verify.toDashboard }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('stat-cards').waitFor();
    assert.equal(await page.getByTestId('verify-banner').count(), 0, 'the banner should be gone once verified');
  });

  test('settings: profile name and tenant name are saved; WhatsApp tab renders', async (t) => {
    await page.goto(`${dashboard.url}/dashboard/settings`);
    await page.getByTestId('email-status-verified').first().waitFor();
    await page.getByLabel(tr.settings.profile.fullName).fill('Ayşe Y. Kaya');
    await page.getByTestId('profile-form').getByRole('button', { name: tr.common.save }).click();
    await page.getByText(tr.common.saved).first().waitFor();
    await screenshot(page, 'settings-profile-1440');

    await page.getByTestId('tenant-tab').click();
    await page.getByTestId('tenant-form').getByLabel(tr.settings.tenant.name).fill(`${account.tenant_name} Moda`);
    await page.getByTestId('tenant-form').getByRole('button', { name: tr.common.save }).click();
    await page.getByTestId('tenant-name').getByText(`${account.tenant_name} Moda`).waitFor();
    account.tenant_name = `${account.tenant_name} Moda`;

    const logged = consoleErrors.length;
    await page.getByTestId('whatsapp-tab').click();
    if (!routes.whatsapp) {
      // The gateway's "no route" 404 carries no CORS headers, so the browser sees a network error.
      await page.getByTestId('error-state').waitFor({ timeout: 30_000 });
      await screenshot(page, 'settings-whatsapp-unavailable-1440');
      t.skip('the WhatsApp integration routes are not served by this API snapshot');
      return;
    }
    await page.getByTestId('whatsapp-form').waitFor();
    // The bot has no integration yet, which the API answers with a 404 by design: the page
    // reads it as "not connected", and nothing lands in the console.
    await page.waitForLoadState('networkidle').catch(() => {});
    assert.equal(formatConsoleErrors(consoleErrors.slice(logged)), '');
    // The main path: "Connect with Facebook" (Embedded Signup), with the WhatsApp simulator
    // standing in for Facebook's login window.
    const popup = page.waitForEvent('popup');
    await page.getByTestId('facebook-connect-button').click();
    const facebook = await popup;
    await facebook.getByText('numara 100000000000001').click();
    await screenshot(facebook, 'settings-whatsapp-facebook-popup');
    await facebook.getByRole('button', { name: 'Devam' }).click();
    await page.getByTestId('webhook-url').waitFor({ timeout: 30_000 });
    await page.getByText(tr.settings.whatsapp.facebook.connected).first().waitFor();
    await screenshot(page, 'settings-whatsapp-connected-facebook-1440');
    // Then the manual form (for tenants with their own Meta app) moves the bot to another number.
    // A number the WhatsApp simulator's second business holds: the API proves ownership with
    // "Meta" (the simulator) before claiming it. First someone else's number: refused.
    await page.getByLabel(tr.settings.whatsapp.fields.phoneNumberId).fill('100000000000001');
    await page.getByLabel(tr.settings.whatsapp.fields.businessAccountId).fill('200000000000002');
    await page.getByLabel(tr.settings.whatsapp.fields.accessToken).fill('local-simulator-other-business-token');
    await page.getByTestId('save-whatsapp').click();
    await page.getByText(tr.validation.numberNotInAccount).waitFor();
    await page.getByLabel(tr.settings.whatsapp.fields.phoneNumberId).fill('100000000000002');
    await page.getByTestId('save-whatsapp').click();
    await page.getByTestId('webhook-url').waitFor();
    assert.match(await page.getByTestId('verify-token').textContent(), /\S{8,}/);
    await screenshot(page, 'settings-whatsapp-1440');
  });

  test('security: a password change ends the other sessions and keeps this one', async () => {
    // Another browser signed in as the same user.
    const context = await browser.newContext();
    const elsewhere = watch(await context.newPage());
    elsewhere.setDefaultTimeout(15_000);
    await elsewhere.goto(`${dashboard.url}/login`);
    await elsewhere.getByLabel(tr.auth.fields.email).fill(account.email);
    await elsewhere.getByLabel(tr.auth.fields.password).fill(account.password);
    await elsewhere.getByRole('button', { name: tr.auth.login.submit }).click();
    await elsewhere.waitForURL(/\/dashboard$/);

    await page.goto(`${dashboard.url}/dashboard/settings?tab=security`);
    const form = page.getByTestId('password-change-form');
    const field = (name) => form.getByLabel(name, { exact: true });
    await field(tr.auth.fields.currentPassword).fill('not-my-password-1');
    await field(tr.auth.fields.newPassword).fill('brand-new-password-2');
    await field(tr.auth.fields.confirmPassword).fill('brand-new-password-2');
    await form.getByRole('button', { name: tr.settings.security.password.submit }).click();
    await form.getByText(tr.validation.wrongPassword).waitFor();
    await field(tr.auth.fields.currentPassword).fill(account.password);
    await form.getByRole('button', { name: tr.settings.security.password.submit }).click();
    await page.getByTestId('password-changed').getByText(tr.settings.security.password.changed).waitFor();
    account.password = 'brand-new-password-2';
    await screenshot(page, 'settings-security-1440');

    // This browser now holds the new session's cookie: a reload stays signed in.
    await page.reload();
    await page.getByTestId('password-change-form').waitFor();
    // The other browser's session has ended: its next refresh sends it to the login page.
    await elsewhere.reload();
    await elsewhere.waitForURL(/\/login/);
    await context.close();
  });

  test('security: the address moves to a new one once the link mailed there is clicked', async () => {
    const newEmail = `e2e-moved-${stamp}@example.com`;
    await page.goto(`${dashboard.url}/dashboard/settings?tab=security`);
    const form = page.getByTestId('email-change-form');
    await form.getByLabel(tr.settings.security.email.newEmail).fill(newEmail);
    await form.getByLabel(tr.settings.security.email.password).fill(account.password);
    await form.getByRole('button', { name: tr.settings.security.email.submit }).click();
    await page.getByTestId('email-change-sent').getByText(newEmail).waitFor();
    // Nothing changes before the new address confirms.
    assert.equal(await page.locator('#security-current-email').inputValue(), account.email);

    const token = await mailedToken(newEmail, '/verify-email');
    await page.goto(`${dashboard.url}/verify-email?token=${token}`);
    await page.getByRole('button', { name: tr.auth.verify.submit }).click();
    await page.getByTestId('verify-done').getByText(tr.auth.verify.changedTitle).waitFor();
    const oldEmail = account.email;
    account.email = newEmail;
    // The old address is told.
    await waitForMail(oldEmail, (m) => (m.text ?? '').includes(newEmail));
    await page.goto(`${dashboard.url}/dashboard/settings?tab=security`);
    assert.equal(await page.locator('#security-current-email').inputValue(), newEmail);
    await page.getByTestId('email-status-verified').first().waitFor();
  });

  test('a second tenant is created, switched to (with its own empty data) and switched back', async () => {
    const second = `İkinci Şube ${stamp}`;
    await page.goto(`${dashboard.url}/dashboard/settings?tab=tenant`);
    const create = page.getByTestId('create-tenant-form');
    await create.getByRole('textbox', { name: tr.settings.tenant.newPlaceholder }).fill(second);
    await create.getByRole('button', { name: tr.settings.tenant.create }).click();
    const row = page.getByTestId('tenant-list').locator('li', { hasText: second });
    await row.getByRole('button', { name: tr.settings.tenant.switch }).click();
    await page.getByTestId('tenant-name').getByText(second).waitFor();
    await screenshot(page, 'settings-tenant-1440');

    await page.getByRole('link', { name: tr.nav.bots }).first().click();
    await page.getByText(tr.bots.empty).waitFor();

    await page.getByRole('button', { name: tr.topbar.switchTenant }).click();
    await page.getByRole('menuitemradio', { name: account.tenant_name }).click();
    await page.getByTestId('tenant-name').getByText(account.tenant_name).waitFor();
    await page.getByTestId('bot-list').getByText('Lavanta Asistanı').waitFor();
  });

  test('team: the owner invites from the Team tab; the invitee signs up from the mailed link and joins; the owner makes them an agent, then removes them', async () => {
    const invitee = {
      full_name: 'Can Demir',
      tenant_name: `Demir Ajans ${stamp}`,
      email: `e2e-team-${stamp}@example.com`,
      password: 'team-member-password-1',
    };
    const team = tr.settings.team;
    await page.goto(`${dashboard.url}/dashboard/settings?tab=team`);
    // Alone so far: the owner (marked as "you"), who has no one to hand the business to yet.
    const you = page.getByTestId('team-member').filter({ has: page.getByTestId('member-you') });
    await you.getByTestId('member-role-badge').getByText(tr.settings.roles.owner).waitFor();
    await page.getByTestId('transfer-no-members').waitFor();
    await page.getByTestId('team-invitations-empty').waitFor();

    // The form checks the address, and says plainly when it is a member's already.
    const form = page.getByTestId('invite-form');
    const address = form.getByLabel(team.invite.email);
    await address.fill('not-an-address');
    await form.getByRole('button', { name: team.invite.submit }).click();
    await form.getByText(tr.validation.email).waitFor();
    await address.fill(account.email);
    await form.getByRole('button', { name: team.invite.submit }).click();
    await form.getByText(team.invite.alreadyMember).waitFor();

    // Invited as an admin.
    await address.fill(invitee.email);
    await form.getByTestId('invite-role').click();
    await page.getByRole('option', { name: tr.settings.roles.admin }).click();
    await form.getByRole('button', { name: team.invite.submit }).click();
    await page.getByText(team.invite.sent.replace('{email}', invitee.email)).first().waitFor();
    const pending = page.getByTestId('team-invitation').filter({ hasText: invitee.email });
    await pending.getByTestId('member-role-badge').getByText(tr.settings.roles.admin).waitFor();
    assert.equal(await address.inputValue(), '');
    await screenshot(page, 'settings-team-invited-1440');

    const token = await mailedToken(invitee.email, '/invite');
    const link = `${dashboard.url}/invite?token=${token}`;

    // Opened by someone signed in with another address (the owner): refused, saying which address to use.
    await page.goto(link);
    await page.getByTestId('invite-ready').getByText(account.email).waitFor();
    await page.getByTestId('invite-accept').click();
    const wrong = page.getByTestId('invite-wrong-address');
    await wrong.getByText(tr.auth.invite.wrongTitle).waitFor();
    assert.ok((await wrong.textContent()).includes(invitee.email), await wrong.textContent());
    await screenshot(page, 'invite-wrong-address-1440');

    // The invitee, in a browser of their own: the link explains, and sign-up comes back to it.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const other = watch(await context.newPage());
      other.setDefaultTimeout(15_000);
      await other.goto(link);
      const signedOut = other.getByTestId('invite-signed-out');
      await signedOut.getByText(tr.auth.invite.signedOutTitle).waitFor();
      const login = await signedOut.getByRole('link', { name: tr.auth.invite.toLogin }).getAttribute('href');
      assert.match(login, /^\/login\?next=%2Finvite%3Ftoken%3D/);
      await screenshot(other, 'invite-signed-out-1440');
      await signedOut.getByRole('link', { name: tr.auth.invite.toRegister }).click();
      await other.waitForURL(/\/register\?next=%2Finvite%3Ftoken%3D/);
      await other.getByLabel(tr.auth.fields.fullName).fill(invitee.full_name);
      await other.getByLabel(tr.auth.fields.tenantName).fill(invitee.tenant_name);
      await other.getByLabel(tr.auth.fields.email).fill(invitee.email);
      await other.getByLabel(tr.auth.fields.password).fill(invitee.password);
      await other.getByTestId('register-consent').click();
      await other.getByRole('button', { name: tr.auth.register.submit }).click();
      await other.waitForURL((url) => url.pathname === '/invite' && url.searchParams.get('token') === token);

      // Signed in with the invited address: one press joins, and the dashboard opens in the tenant.
      const ready = other.getByTestId('invite-ready');
      await ready.getByText(invitee.email).waitFor();
      await screenshot(other, 'invite-1440');
      await ready.getByRole('button', { name: tr.auth.invite.submit }).click();
      await other.waitForURL(/\/dashboard$/);
      await other.getByTestId('tenant-name').getByText(account.tenant_name).waitFor();

      // The link works once.
      await other.goto(link);
      await other.getByTestId('invite-accept').click();
      await other.getByTestId('invite-invalid').getByText(tr.auth.invite.invalidTitle).waitFor();

      // The owner sees the new member (no longer invited), makes them an agent…
      await page.goto(`${dashboard.url}/dashboard/settings?tab=team`);
      const row = page.getByTestId('team-member').filter({ hasText: invitee.email });
      await row.getByText(invitee.full_name).waitFor();
      await page.getByTestId('team-invitations-empty').waitFor();
      const role = row.getByTestId('member-role');
      assert.equal(await role.locator('[data-slot=select-value]').textContent(), tr.settings.roles.admin);
      await role.click();
      await page.getByRole('option', { name: tr.settings.roles.agent }).click();
      await page
        .getByText(team.roleChanged.replace('{name}', invitee.full_name).replace('{role}', tr.settings.roles.agent))
        .first()
        .waitFor();
      assert.equal(await role.locator('[data-slot=select-value]').textContent(), tr.settings.roles.agent);
      await screenshot(page, 'settings-team-1440');

      // …which they see, read-only: no invitations, no role changes, and a way to leave.
      await other.goto(`${dashboard.url}/dashboard/settings?tab=team`);
      const self = other.getByTestId('team-member').filter({ has: other.getByTestId('member-you') });
      await self.getByTestId('member-role-badge').getByText(tr.settings.roles.agent).waitFor();
      await other.getByText(team.agentHint).waitFor();
      await other.getByTestId('leave-team').waitFor();
      assert.equal(await other.getByTestId('invite-form').count(), 0);
      assert.equal(await other.getByTestId('member-role').count(), 0);
      assert.equal(await other.getByTestId('member-remove').count(), 0);
      await screenshot(other, 'settings-team-agent-1440');

      // The owner removes them (asked first).
      await row.getByRole('button', { name: team.removeLabel.replace('{name}', invitee.full_name) }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText(team.removeTitle).waitFor();
      await confirm.getByRole('button', { name: team.removeConfirm }).click();
      await page.getByText(team.removed.replace('{name}', invitee.full_name)).first().waitFor();
      await row.waitFor({ state: 'detached' });
      const listed = await fetch(`${api}/tenants/current/members`, { headers: await apiHeaders() }).then((r) => r.json());
      assert.deepEqual(listed.members.map((m) => m.email), [account.email]);

      // The removed member's next visit is in their own business.
      await other.reload();
      await other.getByTestId('tenant-name').getByText(invitee.tenant_name).waitFor();
    } finally {
      await context.close();
    }
  });

  test('inbox: two members at once — a handoff arrives without a reload, one take wins, a note and a saved reply, resolved and reopened', async (t) => {
    if (!routes.publicChat) {
      t.skip('the public chat routes are not served by this API snapshot, so no conversation can be started');
      return;
    }
    const owner = await apiHeaders();
    const agent = { full_name: 'Elif Kaya', tenant_name: `Kaya Ltd ${stamp}`, email: `e2e-agent-${stamp}@example.com`, password: 'agent-member-password-1' };
    const invited = await fetch(`${api}/tenants/current/invitations`, { method: 'POST', headers: owner, body: JSON.stringify({ email: agent.email, role: 'agent' }) });
    assert.equal(invited.status, 201, await invited.text());
    const token = await mailedToken(agent.email, '/invite');
    const json = { 'Content-Type': 'application/json' };
    await fetch(`${api}/auth/register`, { method: 'POST', headers: json, body: JSON.stringify(agent) });
    const login = await fetch(`${api}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: agent.email, password: agent.password }) }).then((r) => r.json());
    const joined = await fetch(`${api}/invitations/accept`, {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${login.tokens.access_token}` },
      body: JSON.stringify({ token }),
    });
    assert.equal(joined.status, 200, await joined.text());
    const saved = await fetch(`${api}/saved-replies`, {
      method: 'POST',
      headers: owner,
      body: JSON.stringify({ shortcut: 'adres', body: 'Adresimiz Moda Caddesi No:5, Kadıköy.' }),
    });
    assert.equal(saved.status, 201, await saved.text());

    await page.goto(`${dashboard.url}/dashboard/conversations`);
    await page.getByTestId('inbox').waitFor();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const other = watch(await context.newPage());
      other.setDefaultTimeout(20_000);
      await other.goto(`${dashboard.url}/login`);
      await other.getByLabel(tr.auth.fields.email).fill(agent.email);
      await other.getByLabel(tr.auth.fields.password).fill(agent.password);
      await other.getByRole('button', { name: tr.auth.login.submit }).click();
      await other.waitForURL(/\/dashboard/);
      await other.getByRole('button', { name: tr.topbar.switchTenant }).click();
      await other.getByRole('menuitemradio', { name: account.tenant_name }).click();
      await other.getByTestId('tenant-name').getByText(account.tenant_name).waitFor();
      await other.goto(`${dashboard.url}/dashboard/conversations`);
      await other.getByTestId('inbox').waitFor();

      // A website visitor asks for a person: both inboxes show it without a reload.
      const init = await fetch(`${api}/public/chat/init`, {
        method: 'POST',
        headers: { ...json, Origin: dashboard.url },
        body: JSON.stringify({ bot_public_key: botKey }),
      }).then((r) => r.json());
      const visitor = { ...json, Authorization: `Bearer ${init.visitor_token}`, Origin: dashboard.url };
      const say = (message) =>
        fetch(`${api}/public/chat/send`, { method: 'POST', headers: visitor, body: JSON.stringify({ conversation_id: init.conversation_id, message }) });
      assert.equal((await say('Bir temsilciyle görüşmek istiyorum')).status, 200);
      const item = (p) => p.getByTestId('inbox-list').locator(`[data-conversation-id="${init.conversation_id}"]`);
      await item(page).waitFor();
      await item(other).waitFor();
      await screenshot(page, 'inbox-1440');

      // Both open it and take it at once: one wins, the other is told someone else was first.
      await item(page).click();
      await item(other).click();
      await page.getByTestId('take-conversation').waitFor();
      await other.getByTestId('take-conversation').waitFor();
      await Promise.all([page.getByTestId('take-conversation').click(), other.getByTestId('take-conversation').click()]);
      let stored = {};
      for (let i = 0; i < 50 && !stored.assignee_id; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        stored = await fetch(`${api}/conversations/${init.conversation_id}`, { headers: owner }).then((r) => r.json());
      }
      assert.ok(stored.assignee_id, JSON.stringify(stored));
      const [winner, loser] = stored.assignee_id === login.user.id ? [other, page] : [page, other];
      await loser.getByText(tr.inbox.assign.changed).waitFor();
      await loser.getByTestId('take-conversation').waitFor({ state: 'detached' });

      // The one who has it leaves a note for the team; the other sees it come in.
      await winner.getByTestId('note-input').fill('Fiyat sordu, yarın aranacak.');
      await winner.getByTestId('note-add').click();
      await winner.getByTestId('note-item').filter({ hasText: 'yarın aranacak' }).waitFor();
      await loser.getByTestId('note-item').filter({ hasText: 'yarın aranacak' }).waitFor();

      // A saved reply found with '/', sent; the customer's next words come back in both inboxes.
      const box = winner.getByRole('textbox', { name: tr.conversations.replyPlaceholder });
      await box.fill('/adr');
      await winner.getByTestId('saved-reply-picker').getByTestId('saved-reply-option').first().waitFor();
      await box.press('Enter');
      assert.equal(await box.inputValue(), 'Adresimiz Moda Caddesi No:5, Kadıköy.');
      await winner.getByTestId('operator-reply').getByRole('button', { name: tr.conversations.send }).click();
      await loser.getByTestId('message-operator').getByText('Moda Caddesi').waitFor();
      await screenshot(winner, 'inbox-thread-1440');

      // Resolved: it leaves the open view; the customer writes again and it is back, with a person.
      await winner.getByTestId('resolve-conversation').click();
      await winner.getByTestId('reopen-conversation').waitFor();
      await item(loser).waitFor({ state: 'detached' });
      assert.equal((await say('Bir sorum daha var')).status, 200);
      await item(loser).waitFor();
      await winner.getByTestId('resolve-conversation').waitFor();
      const back = await fetch(`${api}/conversations/${init.conversation_id}`, { headers: owner }).then((r) => r.json());
      assert.equal(back.status, 'handed_off');
      // The details know this visitor has no other conversation with the business.
      await winner.getByTestId('conversation-details').getByTestId('related-conversations-empty').waitFor();

      // The agent chooses their own e-mails; the business's wait time is the admins'.
      await other.goto(`${dashboard.url}/dashboard/settings?tab=notifications`);
      const settings = other.getByTestId('notification-settings');
      const wait = settings.getByTestId('notify-wait-minutes');
      assert.equal(await wait.getAttribute('readonly'), '');
      await settings.getByText(tr.settings.notifications.waitAgentHint).waitFor();
      const leadSwitch = settings.getByTestId('notify-lead');
      assert.equal(await leadSwitch.getAttribute('aria-checked'), 'true');
      await leadSwitch.click();
      await settings.getByTestId('notify-save').click();
      const agentHeaders = { ...json, Authorization: `Bearer ${login.tokens.access_token}`, 'X-Tenant-Id': stored.tenant_id };
      let chosen = {};
      for (let i = 0; i < 50 && chosen.lead !== false; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        chosen = await fetch(`${api}/tenants/current/notifications`, { headers: agentHeaders }).then((r) => r.json());
      }
      assert.deepEqual(chosen, { handoff: true, waiting: true, lead: false, wait_alert_minutes: 10 });
      await screenshot(other, 'settings-notifications-agent-1440');
    } finally {
      await context.close();
    }
  });

  test('the overview reports the numbers that matter for a chosen period and exports them for Excel', async (t) => {
    if (!routes.publicChat) {
      t.skip('no conversation can be started against this API snapshot');
      return;
    }
    await page.goto(`${dashboard.url}/dashboard`);
    const report = page.getByTestId('report');
    await report.scrollIntoViewIfNeeded();
    const conversations = report.getByTestId('report-figure-conversations');
    await conversations.waitFor();
    // This test account's visitors, handoffs and replies so far are in the last 30 days.
    const api30 = await fetch(`${api}/stats/report`, { headers: await apiHeaders() }).then((r) => r.json());
    assert.ok(api30.totals.conversations > 0, JSON.stringify(api30.totals));
    await conversations.getByText(new Intl.NumberFormat('tr-TR').format(api30.totals.conversations), { exact: true }).waitFor();
    await report.getByTestId('report-range-7').click();
    const rows = report.getByTestId('report-daily-table').locator('tbody tr');
    for (let i = 0; i < 100 && (await rows.count()) !== 7; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await rows.count(), 7, 'one row a day of the last 7');
    const download = page.waitForEvent('download');
    await report.getByTestId('report-export').click();
    assert.match((await download).suggestedFilename(), /\.csv$/);
    await screenshot(page, 'overview-report-1440');
  });

  test("privacy: a contact's data is downloaded, then erased everywhere, and the log names no one", async (t) => {
    if (!routes.publicLeads) {
      t.skip('the public lead route is not served by this API snapshot');
      return;
    }
    // A visitor leaves their details on the widget.
    const init = await fetch(`${api}/public/chat/init`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: dashboard.url },
      body: JSON.stringify({ bot_public_key: botKey }),
    }).then((r) => r.json());
    const phone = `0532 7${String(Date.now()).slice(-6, -4)} ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`;
    const left = await fetch(`${api}/public/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.visitor_token}`, Origin: dashboard.url },
      body: JSON.stringify({ bot_public_key: botKey, name: 'Gizlilik Deneme', phone, conversation_id: init.conversation_id }),
    });
    assert.equal(left.status, 201, await left.text());

    await page.goto(`${dashboard.url}/dashboard/settings?tab=privacy`);
    const settings = page.getByTestId('privacy-settings');
    await settings.getByTestId('privacy-phone').fill(phone);
    const download = page.waitForEvent('download');
    await settings.getByTestId('privacy-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.json$/);
    const exported = JSON.parse(await readFile(await file.path(), 'utf8'));
    assert.equal(exported.leads.length, 1);
    assert.equal(exported.leads[0].name, 'Gizlilik Deneme');

    await settings.getByTestId('privacy-erase').click();
    await page.getByTestId('privacy-erase-confirm').click();
    const counts = tr.settings.privacy.counts.replace('{conversations}', '1').replace('{messages}', '0').replace('{leads}', '1').replace('{appointments}', '0');
    await page.getByText(tr.settings.privacy.erased.replace('{counts}', counts)).first().waitFor();
    await settings.getByTestId('privacy-audit').getByTestId('privacy-audit-item').first().waitFor();
    assert.ok(!(await settings.getByTestId('privacy-audit').textContent()).includes('Gizlilik Deneme'));
    const leads = await fetch(`${api}/leads?q=${encodeURIComponent('Gizlilik Deneme')}`, { headers: await apiHeaders() }).then((r) => r.json());
    assert.deepEqual(leads.items, []);

    // How long conversations are kept: two years.
    await settings.getByTestId('retention-select').click();
    await page.getByRole('option', { name: tr.settings.privacy.retention.months.replace('{count}', '24') }).click();
    await settings.getByTestId('retention-save').click();
    let retention = {};
    for (let i = 0; i < 50 && retention.retention_months !== 24; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      retention = await fetch(`${api}/privacy/settings`, { headers: await apiHeaders() }).then((r) => r.json());
    }
    assert.equal(retention.retention_months, 24);
    await screenshot(page, 'settings-privacy-1440');
  });

  /**
   * Every page, as its owner uses it, on a laptop (1440 px) and a phone (390 px): no serious or
   * critical axe-core violation (WCAG 2.1 A/AA and axe's best practices), nothing wider than
   * the window, and nothing in the console, not even an API refusal (in normal use the pages
   * cause none). Everything found is reported at once. On the phone the navigation is a sheet.
   */
  test('every page passes axe, fits the window and logs no console error, at 1440 px and at 390 px', async () => {
    const pages = {
      overview: '/dashboard',
      bots: '/dashboard/bots',
      'bot-edit': `/dashboard/bots/${botId}`,
      knowledge: `/dashboard/bots/${botId}/knowledge`,
      ...(routes.gaps ? { 'knowledge-gaps': `/dashboard/bots/${botId}/knowledge?tab=gaps` } : {}),
      'knowledge-test': `/dashboard/bots/${botId}/knowledge?tab=test`,
      conversations: `/dashboard/bots/${botId}/conversations`,
      inbox: '/dashboard/conversations',
      leads: '/dashboard/leads',
      ...(routes.appointments ? { appointments: '/dashboard/appointments', 'bot-calendar': `/dashboard/bots/${botId}/calendar` } : {}),
      settings: '/dashboard/settings',
      'settings-security': '/dashboard/settings?tab=security',
      'settings-tenant': '/dashboard/settings?tab=tenant',
      'settings-team': '/dashboard/settings?tab=team',
      'settings-replies': '/dashboard/settings?tab=replies',
      'settings-notifications': '/dashboard/settings?tab=notifications',
      'settings-privacy': '/dashboard/settings?tab=privacy',
      // An invitation link, opened signed in (it waits for a press; the token is not looked at before).
      invite: '/invite?token=sweep-invitation-token',
      ...(routes.whatsapp ? { 'settings-whatsapp': '/dashboard/settings?tab=whatsapp' } : {}),
    };
    if (routes.publicChat && routes.appointments) {
      // A conversation opened: its messages, the operator's reply box and its details.
      const list = await fetch(`${api}/bots/${botId}/conversations?limit=1`, { headers: await apiHeaders() }).then((r) => r.json());
      if (list.items?.[0]) {
        pages.conversation = `/dashboard/bots/${botId}/conversations?c=${list.items[0].id}`;
        pages['inbox-conversation'] = `/dashboard/conversations?c=${list.items[0].id}`;
      }
    }
    const signedOut = {
      login: '/login',
      register: '/register',
      'forgot-password': '/forgot-password',
      'invite-signed-out': '/invite?token=sweep-invitation-token',
      'legal-privacy': '/gizlilik',
      'legal-terms': '/kullanim-kosullari',
      'legal-dpa': '/veri-isleme-sozlesmesi',
    };
    const failures = [];
    const logged = consoleErrors.length;
    async function check(target, name, width) {
      await target.waitForLoadState('networkidle').catch(() => {});
      const { overflow, culprits } = await horizontalOverflow(target);
      if (overflow > 0) failures.push(`${name} at ${width} px is ${overflow} px wider than the window: ${culprits.join('; ')}`);
      const violations = await axeViolations(target);
      if (violations.length > 0) failures.push(`${name} at ${width} px, axe:\n  ${violations.join('\n  ')}`);
      if (width === 390) await screenshot(target, `${name}-390`);
    }

    const signedOutContext = await browser.newContext();
    try {
      const visitor = watch(await signedOutContext.newPage());
      visitor.setDefaultTimeout(15_000);
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ]) {
        await page.setViewportSize({ width, height });
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(`${dashboard.url}${path}`);
          const ready = { invite: '[data-testid=invite-ready]', inbox: '[data-testid=inbox]', 'inbox-conversation': '[data-testid=inbox]' };
          await page.locator(ready[name] ?? 'main h1').first().waitFor();
          if (name === 'conversation' || name === 'inbox-conversation') {
            await page.getByTestId('message-list').getByTestId('message-user').first().waitFor();
          }
          await check(page, name, width);
        }
        await visitor.setViewportSize({ width, height });
        for (const [name, path] of Object.entries(signedOut)) {
          await visitor.goto(`${dashboard.url}${path}`);
          await visitor.locator('main form, [data-testid=invite-signed-out], [data-testid^=legal-]').first().waitFor();
          await check(visitor, name, width);
        }
      }
      const errors = consoleErrors.slice(logged);
      if (errors.length > 0) failures.push(`console errors:\n${formatConsoleErrors(errors)}`);

      // Still 390 px wide: the navigation opens in a sheet.
      await page.goto(`${dashboard.url}/dashboard`);
      await page.getByTestId('mobile-nav-trigger').click();
      await page.getByRole('dialog').getByRole('link', { name: tr.nav.leads }).click();
      await page.waitForURL(/\/dashboard\/leads$/);
      for (const path of ['/', '/pricing']) {
        await page.goto(`${dashboard.url}${path}`);
        await screenshot(page, `${path === '/' ? 'landing' : 'pricing'}-390`);
      }
    } finally {
      await signedOutContext.close();
      // The tests after this one run on the laptop's width, whatever happened here.
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    for (const path of ['/', '/pricing']) {
      await page.goto(`${dashboard.url}${path}`);
      await screenshot(page, `${path === '/' ? 'landing' : 'pricing'}-1440`);
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
  });

  test('switching to English translates the dashboard; dark mode applies', async () => {
    await page.goto(`${dashboard.url}/dashboard`);
    await page.getByTestId('locale-toggle').click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: new RegExp(en.overview.greeting.split(' ')[0]) }).waitFor();
    await page.getByRole('link', { name: en.nav.leads }).first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    await page.getByTestId('theme-toggle').click();
    await page.getByRole('menuitemradio', { name: en.theme.dark }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    // The dark palette keeps the same contrast as the light one (checked once the menu has
    // closed: while it is open the rest of the page is hidden from assistive technology).
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'overview-en-dark-1440');
  });

  test('logout ends the session and login restores it', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.goto(`${dashboard.url}/dashboard`);
    await page.waitForURL(/\/login/);

    await page.getByLabel(en.auth.fields.email).fill(account.email);
    await page.getByLabel(en.auth.fields.password).fill('wrong-password-123');
    await page.getByRole('button', { name: en.auth.login.submit }).click();
    await page.getByTestId('form-alert').waitFor();
    await screenshot(page, 'login-error-1440');

    await page.getByLabel(en.auth.fields.password).fill(account.password);
    await page.getByRole('button', { name: en.auth.login.submit }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('tenant-name').getByText(account.tenant_name).waitFor();
  });

  test('a reload keeps the session through the httpOnly refresh cookie, which scripts cannot read', async () => {
    await page.reload();
    await page.getByTestId('stat-cards').waitFor();
    const visible = await page.evaluate(() => document.cookie);
    assert.doesNotMatch(visible, /svontai_rt/);
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === 'svontai_rt');
    assert.ok(refresh?.httpOnly, 'refresh cookie must be httpOnly');
    assert.equal(refresh.sameSite, 'Strict');
  });

  test('concurrent 401s trigger a single refresh', async () => {
    // The overview asks for /stats/overview and /bots at once. Their first attempt carries a
    // stale bearer token, so the real API answers 401 to both; the page must refresh once
    // (the API rotates refresh tokens and revokes the family on reuse) and retry both.
    const stale = new Set(['/stats/overview', '/bots']);
    await page.route(`${api}/**`, (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;
      if (request.method() !== 'OPTIONS' && stale.delete(path)) {
        return route.continue({ headers: { ...request.headers(), authorization: 'Bearer stale.access.token' } });
      }
      return route.continue();
    });
    let refreshes = 0;
    const count = (req) => {
      if (req.url().endsWith('/api/session/refresh')) refreshes += 1;
    };
    page.on('request', count);
    await page.goto(`${dashboard.url}/dashboard`);
    await page.getByTestId('stat-cards').getByText(en.overview.cards.bots).waitFor();
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    page.off('request', count);
    await page.unroute(`${api}/**`);
    assert.equal(stale.size, 0, 'both calls should have been sent with the stale token');
    // One refresh restores the session on load, one serves both 401s.
    assert.equal(refreshes, 2);
    await page.reload();
    await page.getByTestId('stat-cards').waitFor();
  });

  test('no page visited broke the Content-Security-Policy', () => {
    assert.deepEqual(cspViolations, []);
  });

  test('no page visited logged a console error, the API refusals the tests provoke aside', () => {
    const unservedRoutes = Object.values(routes).some((served) => !served);
    const unexpected = consoleErrors.filter((error) => !isApiRefusal(error, dashboard.url, { unservedRoutes }));
    assert.equal(unexpected.length, 0, formatConsoleErrors(unexpected));
  });
});

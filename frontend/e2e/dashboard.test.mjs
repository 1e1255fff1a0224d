// The tenant dashboard in a real browser against the real local stack (no mocked API):
// register → create a bot → add knowledge (form and CSV) → test panel → conversations →
// leads (CSV export) → switch to English → log out and back in. Screenshots of every page
// at 1440 px and 390 px land in test-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { api, apiHasRoute, launchBrowser, messages, screenshot, skipReason, startDashboard } from './harness.mjs';

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
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    routes.test = await apiHasRoute('POST', '/bots/x/test', { message: 'x' });
    routes.gaps = await apiHasRoute('GET', '/bots/x/knowledge-gaps');
    routes.publicChat = await apiHasRoute('POST', '/public/chat/init', {});
    routes.publicLeads = await apiHasRoute('POST', '/public/leads', {});
    routes.whatsapp = await apiHasRoute('GET', '/bots/x/whatsapp-integration');
  });

  after(async () => {
    await browser?.close();
    await dashboard?.stop();
  });

  test('before its script runs, the login form cannot send the password in the URL', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const raw = await context.newPage();
    await raw.goto(`${dashboard.url}/login`);
    await raw.locator('input[type=email]').fill('ayse@example.com');
    await raw.locator('input[type=password]').fill('gizli-parola-123');
    await raw.locator('input[type=password]').press('Enter');
    await raw.waitForTimeout(500);
    assert.ok(!raw.url().includes('gizli') && !raw.url().includes('password'), raw.url());
    assert.equal(await raw.locator('[data-testid=login-form]').getAttribute('method'), 'post');
    await context.close();
  });

  test('the dashboard redirects to login without a session', async () => {
    await page.goto(`${dashboard.url}/dashboard/leads`);
    await page.waitForURL(/\/login\?next=%2Fdashboard%2Fleads/);
    await page.getByText(tr.auth.login.title).waitFor();
  });

  test('register shows inline validation, then creates the account and opens the overview', async () => {
    await page.goto(`${dashboard.url}/register`);
    await page.getByRole('button', { name: tr.auth.register.submit }).click();
    await page.getByText(tr.validation.passwordMin).waitFor();
    await screenshot(page, 'register-1440');

    await page.getByLabel(tr.auth.fields.fullName).fill(account.full_name);
    await page.getByLabel(tr.auth.fields.tenantName).fill(account.tenant_name);
    await page.getByLabel(tr.auth.fields.email).fill(account.email);
    await page.getByLabel(tr.auth.fields.password).fill(account.password);
    await page.getByRole('button', { name: tr.auth.register.submit }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('stat-cards').getByText(tr.overview.cards.bots).waitFor();
    await page.getByTestId('overview-chart').locator('svg').first().waitFor();
    assert.equal(await page.getByTestId('tenant-name').textContent(), account.tenant_name);
    await screenshot(page, 'overview-1440');
  });

  test('registering the same email again shows the API problem', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(`${dashboard.url}/register`);
    await other.getByLabel(tr.auth.fields.fullName).fill('Başka Biri');
    await other.getByLabel(tr.auth.fields.tenantName).fill('Başka');
    await other.getByLabel(tr.auth.fields.email).fill(account.email);
    await other.getByLabel(tr.auth.fields.password).fill(account.password);
    await other.getByRole('button', { name: tr.auth.register.submit }).click();
    await other.getByTestId('form-alert').getByText(tr.errors.email_taken).waitFor();
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
    await page.getByRole('button', { name: tr.conversations.send }).click();
    await page.getByTestId('message-operator').getByText('ben Ayşe').waitFor();
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

  test('settings: profile name and tenant name are saved; WhatsApp tab renders', async (t) => {
    await page.goto(`${dashboard.url}/dashboard/settings`);
    await page.getByLabel(tr.settings.profile.fullName).fill('Ayşe Y. Kaya');
    await page.getByTestId('profile-form').getByRole('button', { name: tr.common.save }).click();
    await page.getByText(tr.common.saved).first().waitFor();
    await screenshot(page, 'settings-profile-1440');

    await page.getByTestId('tenant-tab').click();
    await page.getByTestId('tenant-form').getByLabel(tr.settings.tenant.name).fill(`${account.tenant_name} Moda`);
    await page.getByTestId('tenant-form').getByRole('button', { name: tr.common.save }).click();
    await page.getByTestId('tenant-name').getByText(`${account.tenant_name} Moda`).waitFor();
    account.tenant_name = `${account.tenant_name} Moda`;

    await page.getByTestId('whatsapp-tab').click();
    if (!routes.whatsapp) {
      // The gateway's "no route" 404 carries no CORS headers, so the browser sees a network error.
      await page.getByTestId('error-state').waitFor({ timeout: 30_000 });
      await screenshot(page, 'settings-whatsapp-unavailable-1440');
      t.skip('the WhatsApp integration routes are not served by this API snapshot');
      return;
    }
    await page.getByTestId('whatsapp-form').waitFor();
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

  test('every page is usable at 390 px with the navigation in a sheet', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const pages = {
      overview: '/dashboard',
      bots: '/dashboard/bots',
      'bot-edit': `/dashboard/bots/${botId}`,
      knowledge: `/dashboard/bots/${botId}/knowledge`,
      conversations: `/dashboard/bots/${botId}/conversations`,
      leads: '/dashboard/leads',
      settings: '/dashboard/settings',
    };
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${dashboard.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => {});
      await screenshot(page, `${name}-390`);
    }
    await page.getByTestId('mobile-nav-trigger').click();
    await page.getByRole('dialog').getByRole('link', { name: tr.nav.leads }).click();
    await page.waitForURL(/\/dashboard\/leads$/);
    for (const path of ['/', '/pricing']) {
      await page.goto(`${dashboard.url}${path}`);
      await screenshot(page, `${path === '/' ? 'landing' : 'pricing'}-390`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const path of ['/', '/pricing']) {
      await page.goto(`${dashboard.url}${path}`);
      await screenshot(page, `${path === '/' ? 'landing' : 'pricing'}-1440`);
    }
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
});

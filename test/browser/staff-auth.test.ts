// Staff accounts in a real browser, without JavaScript: a member accepts the set-up link, enrols the authenticator
// (the test reads the key shown on the page and computes the code), keeps the recovery codes, signs out, signs in
// with password and code, and — once the test ages the password past STAFF_PASSWORD_MAX_AGE_DAYS in the database —
// must choose a new one before reaching the dashboard. The pages also pass axe-core's WCAG 2.1 A/AA checks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.ts';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';
import { acceptInvitation, codes, createStaffLink, signInStaff } from './helpers/staff.ts';

const require = createRequire(import.meta.url);
const EMAIL = 'ayu.lestari@toko.example';
const PASSWORD = 'mangga harum jatuh di kali';
const NEW_PASSWORD = 'rambutan manis dari bogor';

describe('staff sign-in in the browser', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser('desktop', { javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const heading = (page: Page) => page.locator('h1').innerText();

  it('set-up link → two-factor → recovery codes → sign out → sign in → expired password must be changed first', async () => {
    const page = await browser.context.newPage();
    const link = createStaffLink(server, { email: EMAIL, role: 'manager', name: 'Ayu Lestari' });

    // A password built from the name is refused first.
    await page.goto(server.url + link);
    assert.equal(await heading(page), 'Welcome, Ayu Lestari');
    await page.getByLabel(/^New password( \*)?$/).fill('ayu lestari 123');
    await page.getByLabel('New password again').fill('ayu lestari 123');
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /name or email/);

    const login = await acceptInvitation(page, server, link, EMAIL, PASSWORD);
    assert.equal(login.recoveryCodes.length, 10);
    assert.equal(await heading(page), 'Dashboard');
    assert.match(await page.locator('.who').innerText(), /Ayu Lestari/);

    // The link is spent.
    await page.goto(server.url + link);
    assert.equal(await heading(page), 'This link does not work');

    // Sign out, then a wrong code, then the right one.
    await page.goto(`${server.url}/admin`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.goto(`${server.url}/admin`);
    assert.equal(await heading(page), 'Sign in', 'signed out');

    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Authentication code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /The email address, password or code is not right\./);

    await signInStaff(page, server, login);
    await page.waitForURL(/\/admin$/);
    assert.equal(await heading(page), 'Dashboard');

    // Your account: this session is listed.
    await page.goto(`${server.url}/admin/account`);
    assert.match(await page.getByTestId('session-row').first().innerText(), /this session/);

    // The password gets old (the test moves its date back past the 90-day limit).
    const db = new SQLite(path.join(server.dataDir, 'pasar.sqlite'));
    db.prepare('update staff_users set password_changed_at = ? where email = ?').run(new Date(Date.now() - 91 * 86_400_000).toISOString(), EMAIL);
    db.close();

    await page.goto(`${server.url}/admin/orders`);
    assert.equal(new URL(page.url()).pathname, '/admin/account/password', 'a signed-in member is sent to change it at once');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInStaff(page, server, login);
    await page.waitForURL(/\/admin\/account\/password$/);
    assert.equal(await heading(page), 'Change your password');
    assert.match(await page.getByRole('status').innerText(), /more than 90 days old/);
    await page.goto(`${server.url}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/account/password', 'the dashboard waits');

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel(/^New password( \*)?$/).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /different from your current one/);

    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel(/^New password( \*)?$/).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/admin\/account\?done=password$/);
    assert.match(await page.getByRole('status').first().innerText(), /Your password is changed/);
    await page.goto(`${server.url}/admin`);
    assert.equal(await heading(page), 'Dashboard');

    // A recovery code signs in once when the phone is lost.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByLabel('Authentication code').fill(login.recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/account\?recovery=used$/);
    assert.match(await page.getByRole('status').first().innerText(), /9 unused codes left/);
    await page.close();
  });

  it('the sign-in, set-up and account pages have no serious or critical WCAG 2.1 A/AA violation (axe-core)', async () => {
    const withScripts = await launchBrowser('desktop');
    try {
      const page = await withScripts.context.newPage();
      const check = async (label: string) => {
        // Evaluated through DevTools, not added as a <script>: the CSP refuses inline scripts.
        await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
        const violations = await page.evaluate(async () => {
          // @ts-expect-error axe is injected above
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return (r.violations as Array<{ id: string; impact: string; nodes: unknown[] }>).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
        });
        assert.deepEqual(violations, [], label);
      };
      await page.goto(`${server.url}/admin/login`);
      await check('sign-in');
      const email = 'axe.staff@toko.example';
      const link = createStaffLink(server, { email, role: 'owner', name: 'Axe Owner' });
      await page.goto(server.url + link);
      await check('set-up: password');
      await page.getByLabel(/^New password( \*)?$/).fill(PASSWORD);
      await page.getByLabel('New password again').fill(PASSWORD);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByTestId('totp-secret').waitFor();
      await check('set-up: two-factor');
      const next = codes((await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, ''));
      await page.getByLabel('Code from the app').fill(await next());
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByTestId('recovery-codes').waitFor();
      await check('recovery codes');
      for (const p of ['/admin/account', '/admin/account/password', '/admin/staff']) {
        await page.goto(server.url + p);
        await check(p);
      }
    } finally {
      await withScripts.close();
    }
  });
});

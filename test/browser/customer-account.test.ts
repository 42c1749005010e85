// A customer's whole account life in Chromium, without JavaScript: register, receive the verification email on a
// real SMTP server and follow its link, sign in, buy, find the order in the history, download the data export,
// erase the account, and fail to sign in again, while the order stays for the shop's accounts, anonymised.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.ts';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const EMAIL = 'wulan.sari@example.co.id';
const PASSWORD = 'tamarind-kettle-Orbit-42';

describe('customer account in the browser', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let smtp: SMTPServer;
  const mails: ParsedMail[] = [];
  let productPath: string;

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((m) => { mails.push(m); callback(); }).catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    server = await startDemoServer({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, JOB_POLL_MS: '100' });
    browser = await launchBrowser('desktop', { javaScriptEnabled: false });
    const list = await (await fetch(`${server.url}/api/store/products?in_stock=true&sort=bestselling&per_page=1&currency=IDR`)).json();
    productPath = `/p/${list.items[0].slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  async function mailWithLink(to: string, linkPath: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mail = mails.find((m) => [m.to].flat().some((a) => a?.text.includes(to)) && m.text?.includes(linkPath));
      if (mail) return new RegExp(`https?://\\S+${linkPath}\\?token=[A-Za-z0-9_-]+`).exec(mail.text!)![0];
      if (Date.now() > deadline) throw new Error(`no email with ${linkPath} to ${to}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('registers, verifies, buys, exports, erases, and cannot sign in again; the order stays, anonymised', async () => {
    const page = await browser.context.newPage();

    // Register from the header's "Sign in" link.
    await page.goto(server.url + '/');
    await page.getByTestId('account-link').click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill('Wulan Sari');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create an account' }).click();
    assert.match(await page.getByTestId('notice').innerText(), new RegExp(`We sent a link to ${EMAIL.replace('.', '\\.')}`));

    // The verification email arrives on the SMTP server; its link confirms the address.
    const link = await mailWithLink(EMAIL, '/account/verify');
    assert.ok(link.startsWith(server.url), link);
    await page.goto(link);
    assert.equal(await page.getByTestId('verify-result').getAttribute('data-ok'), 'true');

    // Sign in.
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account$/);
    assert.equal(await page.getByTestId('account-email').innerText(), EMAIL);
    assert.equal(await page.getByTestId('account-link').innerText(), 'Account');

    // Buy something: checkout starts from the account's email.
    await page.goto(server.url + productPath);
    await page.getByTestId('add-to-cart').getByRole('button').click();
    await page.waitForURL(/\/cart\?notice=added/);
    await page.getByRole('link', { name: 'Checkout' }).click();
    assert.equal(await page.getByLabel('Email').inputValue(), EMAIL);
    assert.equal(await page.getByLabel('Full name').inputValue(), 'Wulan Sari');
    await page.getByLabel('Phone').fill('+62 811 2233 4455');
    await page.getByLabel('Country').selectOption('ID');
    await page.getByLabel('Address', { exact: true }).fill('Jl. Kemang Raya 8');
    await page.getByLabel('City').fill('Jakarta Selatan');
    await page.getByLabel('Province').fill('DKI Jakarta');
    await page.getByLabel('Postal code').fill('12730');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/checkout\/delivery$/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/checkout\/payment$/);
    await page.locator('#pay-cod').check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/checkout\/confirmation\/PSR-\d+\?t=/);
    const number = (await page.getByTestId('order-number').getAttribute('data-number'))!;

    // The order is in the history, with its status.
    await page.goto(server.url + '/account/orders');
    const row = page.locator(`[data-testid="order-row"][data-number="${number}"]`);
    assert.equal(await row.count(), 1, 'the order is in the history');
    await row.getByRole('link', { name: number }).click();
    assert.equal(await page.getByTestId('order-status').innerText(), 'Awaiting payment');

    // Download the data export: it holds the order.
    await page.getByRole('navigation', { name: 'Account pages' }).getByRole('link', { name: 'Privacy' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    assert.equal(exported.profile.email, EMAIL);
    assert.deepEqual(exported.orders.map((o: { number: string }) => o.number), [number]);
    assert.ok(exported.orders[0].lines.length > 0);

    // Erase the account, confirming with the password.
    assert.match(await page.locator('main').innerText(), /orders are kept.+anonymised/s);
    await page.getByLabel('Your password, to confirm').fill(PASSWORD);
    await page.getByRole('button', { name: 'Erase my account' }).click();
    assert.match(await page.getByTestId('erased').innerText(), /has been erased/);
    assert.equal(await page.getByTestId('account-link').innerText(), 'Sign in');

    // Signing in again fails.
    await page.goto(server.url + '/account/login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByTestId('error-summary').innerText(), /not right/);
    await page.close();

    // The order still exists for the shop, without the customer's name, address or email.
    const out = execFileSync(process.execPath, [path.join(root, 'bin/pasar.mjs'), 'apikey:create', '--role', 'support', '--name', 'Erasure check'], {
      cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: server.dataDir, DATABASE_URL: path.join(server.dataDir, 'pasar.sqlite') },
    }).toString().trim().split('\n');
    const key = out[out.length - 1]!;
    const list = await (await fetch(`${server.url}/api/admin/orders?q=${number}`, { headers: { authorization: `Bearer ${key}` } })).json();
    assert.equal(list.items.length, 1, 'the order is kept');
    const order = await (await fetch(`${server.url}/api/admin/orders/${list.items[0].id}`, { headers: { authorization: `Bearer ${key}` } })).json();
    assert.match(order.email, /^erased\+\d+@invalid$/);
    assert.equal(order.shipping_address.name, 'Erased customer');
    assert.doesNotMatch(JSON.stringify(order), /Wulan|Kemang|2233|wulan\.sari/);
    assert.equal(order.shipping_address.country, 'ID');
  });
  it('has no serious or critical WCAG 2.1 A/AA violation on the account pages (axe-core)', async () => {
    const email = 'axe.checker@example.co.id';
    const created = await fetch(`${server.url}/api/store/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, name: 'Axe Checker' }) });
    assert.equal(created.status, 201);
    const withScripts = await launchBrowser('desktop');
    try {
      const page = await withScripts.context.newPage();
      const check = async (pathname: string | null) => {
        if (pathname) await page.goto(server.url + pathname, { waitUntil: 'load' });
        // Evaluated through DevTools, not added as a <script>: the shop's CSP refuses inline scripts.
        await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
        const result = await page.evaluate(async () => {
          // @ts-expect-error axe is injected above
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.map((v: { id: string; impact: string; help: string }) => ({ id: v.id, impact: v.impact, help: v.help }));
        });
        const bad = result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad, [], `${pathname ?? page.url()}: ${JSON.stringify(bad)}`);
      };
      for (const pathname of ['/account/register', '/account/login', '/id/account/forgot']) await check(pathname);
      // A form refused by the server shows its error summary beside the fields: that page too.
      await page.goto(server.url + '/account/register');
      await page.getByLabel('Full name').fill('Axe Checker');
      await page.getByLabel('Email').fill('other.axe@example.co.id');
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByTestId('error-summary').waitFor();
      await check(null);
      await page.goto(server.url + '/account/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/account$/);
      for (const pathname of ['/account', '/account/orders', '/account/addresses', '/account/addresses/new', '/account/wishlist', '/account/sessions', '/account/privacy', '/th/account']) await check(pathname);
    } finally {
      await withScripts.close();
    }
  });
});

// The Content-Security-Policy in a real browser: Chromium enforces it on the demo shop's home, a listing, a product
// page, the cart, every checkout step, the confirmation with its QR code, the API reference, the back-office
// dashboard and a product edit page; nothing is refused, and the pages still do their job (add to cart, switch the
// currency, check out, save a product). Violations are caught two ways: the `securitypolicyviolation` events of
// each document (a listener the test injects through the DevTools protocol, which the page's CSP does not govern)
// and Chromium's "Refused to …" console messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.ts';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';
import { signInAsNewStaff } from './helpers/staff.ts';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

describe('the Content-Security-Policy in Chromium', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const refusals: string[] = [];
  let productPath: string;
  let reviewedPath: string;
  let categoryPath: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser('desktop');
    await browser.context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refusals.push(`${page.url()}: ${m.text()}`);
    });
    const api = async (p: string) => (await fetch(server.url + p)).json();
    const inStock = await api('/api/store/products?in_stock=true&sort=bestselling&per_page=24&currency=IDR');
    productPath = `/p/${inStock.items[0].slug}`;
    const reviewed = inStock.items.find((i: { rating: { count: number } | null }) => (i.rating?.count ?? 0) > 0);
    assert.ok(reviewed, 'a product with reviews, for the rating bars');
    reviewedPath = `/p/${reviewed.slug}`;
    const categories = await api('/api/store/categories');
    categoryPath = `/c/${(categories.items ?? categories)[0].slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The violations the current document reported, after giving late ones (images, styles) a moment. */
  async function violations(): Promise<string[]> {
    await page.waitForLoadState('load');
    await page.waitForTimeout(150);
    return page.evaluate(() => window.__cspViolations ?? []);
  }

  async function visit(p: string) {
    const res = await page.goto(server.url + p);
    assert.ok(res && res.status() < 400, `${p}: ${res?.status()}`);
    assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'/, p);
    assert.deepEqual(await violations(), [], `${p} has CSP violations`);
  }

  it('notices a violation when there is one (the listener works)', async () => {
    await visit('/');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      document.body.setAttribute('style', 'outline: 1px solid red');
    });
    const found = await violations();
    assert.ok(found.some((v) => v.startsWith('script-src')), `inline script reported: ${found}`);
    assert.equal(await page.evaluate(() => (window as { __ran?: boolean }).__ran), undefined, 'and not run');
    refusals.length = 0;
  });

  it('home, a listing and product pages load with no violation and still work', async () => {
    await visit('/');
    assert.ok(await page.getByTestId('product-card').count() > 0);
    assert.ok(await page.getByRole('searchbox').first().isVisible(), 'the header is laid out by the stylesheet');
    await visit(categoryPath);
    assert.ok(await page.getByTestId('product-card').count() > 0);
    await visit(reviewedPath);
    // The rating distribution is drawn without style attributes.
    const bars = page.locator('progress.rating-bar');
    assert.equal(await bars.count(), 5, 'one bar per star rating');
    assert.ok((await bars.first().boundingBox())!.width > 20, 'rating bars are drawn');

    // The currency switcher posts with its token and the page comes back in the new currency.
    const other = await page.locator('#currency-code option:not([selected])').first().getAttribute('value');
    if (other) {
      await page.locator('#currency-code').selectOption(other);
      await page.getByTestId('currency-switcher').getByRole('button').click();
      await page.waitForLoadState('load');
      assert.equal(await page.locator('#currency-code').inputValue(), other);
      assert.deepEqual(await violations(), []);
      await page.locator('#currency-code').selectOption('IDR');
      await page.getByTestId('currency-switcher').getByRole('button').click();
      await page.waitForLoadState('load');
    }
  });

  it('adds to the cart, changes the quantity and checks out to a QR code with no violation', async () => {
    await visit(productPath);
    await page.getByTestId('add-to-cart').getByRole('button').click();
    await page.waitForURL(/\/cart\?notice=added/);
    assert.deepEqual(await violations(), []);
    assert.match(await page.getByTestId('mini-cart').innerText(), /\(1\)/);
    const qty = page.getByTestId('cart-line').first().locator('input[name="quantity"]');
    await qty.fill('2');
    await page.getByTestId('cart-line').first().locator('form.qty button').click();
    await page.waitForURL(/\/cart\?notice=updated/);
    assert.equal(await page.getByTestId('cart-line').first().locator('input[name="quantity"]').inputValue(), '2');
    assert.deepEqual(await violations(), []);

    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/\/checkout$/);
    assert.deepEqual(await violations(), []);
    await page.getByLabel('Email').fill('dewi@example.co.id');
    await page.getByLabel('Full name').fill('Dewi Lestari');
    await page.getByLabel('Phone').fill('+62 811 2233 4455');
    await page.getByLabel('Country').selectOption('ID');
    await page.getByLabel('Address', { exact: true }).fill('Jl. Kemang Raya 8');
    await page.getByLabel('City').fill('Jakarta Selatan');
    await page.getByLabel('Province').fill('DKI Jakarta');
    await page.getByLabel('Postal code').fill('12730');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/checkout\/delivery$/);
    assert.deepEqual(await violations(), []);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/checkout\/payment$/);
    assert.deepEqual(await violations(), []);
    await page.locator('#pay-qr').check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/checkout\/confirmation\/PSR-\d+\?t=/);
    assert.ok(await page.locator('.qr svg').isVisible(), 'the QR code (inline SVG) is shown');
    assert.deepEqual(await violations(), []);
  });

  it('the API reference renders under its own policy with no violation', async () => {
    await visit('/api/docs/');
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await violations(), []);
  });

  it('the back-office dashboard and a product edit page load with no violation, and saving works', async () => {
    await visit('/admin/login');
    // Set-up link (password, QR code, recovery codes) and sign-in all under the policy.
    await signInAsNewStaff(page, server, 'owner');
    assert.deepEqual(await violations(), []);
    assert.equal(await page.locator('h1').innerText(), 'Dashboard');

    await visit('/admin/products');
    await page.locator('table a[href^="/admin/products/"]').first().click();
    await page.waitForURL(/\/admin\/products\/\d+$/);
    assert.deepEqual(await violations(), []);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/notice=saved/);
    assert.match(await page.getByRole('status').innerText(), /Saved/);
    assert.deepEqual(await violations(), []);

    await visit('/admin/reviews');
    assert.deepEqual(refusals, [], 'Chromium logged no refusal');
  });
});

// From a product page to a placed order in three steps, in a real browser and without JavaScript, with cash on
// delivery, bank transfer and QR. The product page and the checkout must show the delivery cost and window.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.ts';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';

describe('checkout in the browser', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let productPath: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser('desktop', { javaScriptEnabled: false });
    const list = await (await fetch(`${server.url}/api/store/products?in_stock=true&sort=bestselling&per_page=1&currency=IDR`)).json();
    productPath = `/p/${list.items[0].slug}`;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function buy(page: Page, method: 'cod' | 'bank_transfer' | 'qr', options: { firstVisit?: boolean } = {}) {
    await page.goto(server.url + productPath);
    if (options.firstVisit) {
      // A first visit sets no cookie and its form carries no token: Chromium's Sec-Fetch-Site vouches for the post.
      assert.deepEqual(await browser.context.cookies(), []);
      assert.equal(await page.getByTestId('add-to-cart').locator('input[name="_csrf"]').getAttribute('value'), '');
    }
    const estimate = page.getByTestId('delivery-estimate');
    assert.match(await estimate.innerText(), /Delivery to Indonesia: from .+, arrives .+/);
    await page.getByTestId('add-to-cart').getByRole('button').click();
    await page.waitForURL(/\/cart\?notice=added/);
    assert.match(await page.getByTestId('mini-cart').innerText(), /Cart \(1\)/);
    await page.getByRole('link', { name: 'Checkout' }).click();

    // Step 1: contact and address.
    await page.getByLabel('Email').fill('budi@example.co.id');
    await page.getByLabel('Full name').fill('Budi Santoso');
    await page.getByLabel('Phone').fill('+62 811 2233 4455');
    await page.getByLabel('Country').selectOption('ID');
    await page.getByLabel('Address', { exact: true }).fill('Jl. Kemang Raya 8');
    await page.getByLabel('City').fill('Jakarta Selatan');
    await page.getByLabel('Province').fill('DKI Jakarta');
    await page.getByLabel('Postal code').fill('12730');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 2: delivery, with cost and dates.
    await page.waitForURL(/\/checkout\/delivery$/);
    const option = page.getByTestId('checkout-delivery').locator('.choice').first();
    assert.match(await option.getByTestId('shipping-price').innerText(), /Rp|IDR|Free/);
    assert.match(await option.getByTestId('delivery-window').innerText(), /Arrives \w{3}, \w{3} \d+/);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: payment.
    await page.waitForURL(/\/checkout\/payment$/);
    assert.match(await page.getByTestId('checkout-total').innerText(), /\d/);
    await page.locator(`#pay-${method}`).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/checkout\/confirmation\/PSR-\d+\?t=/);
    const number = await page.getByTestId('order-number').getAttribute('data-number');
    assert.match(number!, /^PSR-\d+$/);
    const instructions = page.getByTestId('payment-instructions');
    assert.equal(await instructions.getAttribute('data-kind'), method);
    const order = await (await fetch(`${server.url}/api/store/orders/${number}?email=budi@example.co.id`)).json();
    assert.equal(order.payment_method, method);
    assert.equal(order.shipping.option_id.startsWith('jkt-'), true);
    return { instructions, order };
  }

  it('places an order with cash on delivery', async () => {
    const page = await browser.context.newPage();
    const { instructions } = await buy(page, 'cod', { firstVisit: true });
    assert.match(await instructions.innerText(), /have .+ ready for the courier/);
    assert.match(await page.getByTestId('mini-cart').innerText(), /Cart \(0\)/, 'the cart is done');
    await page.close();
  });

  it('places an order paid by bank transfer, showing the accounts and the reference', async () => {
    const page = await browser.context.newPage();
    const { instructions, order } = await buy(page, 'bank_transfer');
    const text = await instructions.innerText();
    assert.match(text, new RegExp(`with ${order.number} as the reference`));
    assert.match(text, /000-111-2222/);
    await page.close();
  });

  it('places an order paid by QR, showing the QRIS code', async () => {
    const page = await browser.context.newPage();
    const { instructions } = await buy(page, 'qr');
    const qr = instructions.locator('.qr');
    assert.match((await qr.getAttribute('data-payload'))!, /^000201010212.*6304[0-9A-F]{4}$/);
    assert.equal(await qr.locator('svg[role="img"]').count(), 1);
    await page.close();
  });
});

// Staff take an order from payment to delivery in the back office, in a real browser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type LaunchedBrowser } from './helpers/browser.ts';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';
import { signInAsNewStaff } from './helpers/staff.ts';

const ADDRESS = { name: 'Agus Salim', line1: 'Jl. Cikini 5', city: 'Jakarta Pusat', region: 'DKI Jakarta', postal_code: '10330', country: 'ID', phone: '+62 812 7777 8888' };

describe('processing an order in the back office', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let number: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser('desktop');
    const post = async (url: string, body: object, headers: Record<string, string> = {}) =>
      (await fetch(server.url + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).json();
    const list = await (await fetch(`${server.url}/api/store/products?in_stock=true&per_page=1&currency=IDR`)).json();
    const detail = await (await fetch(`${server.url}/api/store/products/${list.items[0].slug}`)).json();
    const sku = detail.variants.find((v: { price: unknown; stock: { status: string } }) => v.price && v.stock.status !== 'out_of_stock').sku;
    const cart = await post('/api/store/carts', { currency: 'IDR' });
    await post(`/api/store/carts/${cart.id}/items`, { sku, quantity: 1 });
    const order = await post(`/api/store/carts/${cart.id}/complete`, { email: 'agus@example.co.id', shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: 'bank_transfer' }, { 'idempotency-key': `admin-${cart.id}` });
    number = order.number;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('confirms the payment, packs, ships with a tracking number and marks it delivered', async () => {
    const page = await browser.context.newPage();
    // A warehouse member set up with the shop's own command and their set-up link, as a new shop would.
    await signInAsNewStaff(page, server, 'warehouse');
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await page.getByLabel('Search').fill(number);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: number }).click();
    const status = page.getByTestId('order-status');
    assert.equal(await status.innerText(), 'pending payment');

    await page.getByRole('button', { name: 'Confirm payment' }).click();
    assert.equal(await status.innerText(), 'paid');
    await page.getByRole('button', { name: 'Mark packed' }).click();
    assert.equal(await status.innerText(), 'packed');
    await page.getByLabel('Tracking number').fill('CGK9876543');
    await page.getByRole('button', { name: 'Ship' }).click();
    assert.equal(await status.innerText(), 'shipped');
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    assert.equal(await status.innerText(), 'delivered');
    const timeline = await page.getByTestId('timeline').innerText();
    for (const step of ['placed', 'confirm payment', 'pack', 'ship', 'deliver']) assert.match(timeline, new RegExp(step));

    await page.goto(`${server.url}${new URL(page.url()).pathname}/packing-slip`);
    assert.match(await page.locator('h1').innerText(), new RegExp(`Packing slip — ${number}`));
    const tracked = await (await fetch(`${server.url}/api/store/orders/${number}?email=agus@example.co.id`)).json();
    assert.equal(tracked.status, 'delivered');
    await page.close();
  });
});

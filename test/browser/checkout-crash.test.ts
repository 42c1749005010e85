// A server killed (SIGKILL) in the middle of many checkouts: after a restart every order is whole — lines, stock
// holds and a completed cart — or absent, and no stock stays held for an order that does not exist.
// Lives with the browser tests because it drives a real `pasar start` process, like they do.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';

const ADDRESS = { name: 'Dewi Lestari', line1: 'Jl. Braga 10', city: 'Jakarta Pusat', region: 'DKI Jakarta', postal_code: '10110', country: 'ID', phone: '+62 812 0000 1111' };

describe('a crash during checkouts', { timeout: 300_000 }, () => {
  let server: DemoServer;
  let dataDir: string;

  before(async () => {
    server = await startDemoServer();
    dataDir = server.dataDir;
  });
  after(async () => {
    await server?.stop();
  });

  it('leaves every order whole or absent and leaks no reservation', async () => {
    const post = async (url: string, body: object, headers: Record<string, string> = {}) =>
      fetch(server.url + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const list = await (await fetch(`${server.url}/api/store/products?in_stock=true&per_page=5&currency=IDR`)).json();
    const skus: string[] = [];
    for (const p of list.items) {
      const detail = await (await fetch(`${server.url}/api/store/products/${p.slug}`)).json();
      const v = detail.variants.find((x: { stock: { status: string }; price: unknown }) => x.price && x.stock.status === 'in_stock');
      if (v) skus.push(v.sku);
    }
    assert.ok(skus.length >= 2);
    const carts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const cart = await (await post('/api/store/carts', { currency: 'IDR' })).json();
      await post(`/api/store/carts/${cart.id}/items`, { sku: skus[i % skus.length], quantity: 1 });
      await post(`/api/store/carts/${cart.id}/items`, { sku: skus[(i + 1) % skus.length], quantity: 1 });
      carts.push(cart.id);
    }

    // Fire every checkout, then kill the server while they run.
    const inFlight = carts.map((id) =>
      post(`/api/store/carts/${id}/complete`, { email: 'dewi@example.com', shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: 'cod' }, { 'idempotency-key': `crash-${id}` })
        .then((r) => r.status, () => 'killed'),
    );
    await new Promise((r) => setTimeout(r, 60));
    await server.kill();
    const outcomes = await Promise.all(inFlight);
    assert.ok(outcomes.some((o) => o === 'killed'), `the kill must interrupt some checkouts: ${outcomes.join(',')}`);

    // Restart on the same data: the database recovers from its write-ahead log.
    server = await startDemoServer({}, { dataDir });
    const db = new SQLite(path.join(dataDir, 'pasar.sqlite'), { readonly: true });
    try {
      const orders = db.prepare(`select id, number, cart_id from orders where cart_id in (${carts.map(() => '?').join(',')})`).all(...carts) as Array<{ id: number; number: string; cart_id: string }>;
      for (const order of orders) {
        const lines = db.prepare('select sum(quantity) as n from order_lines where order_id = ?').get(order.id) as { n: number };
        const held = db.prepare(`select sum(quantity) as n from stock_reservations where reference = ? and status = 'active'`).get(`order:${order.number}`) as { n: number };
        const cart = db.prepare('select completed_at from carts where id = ?').get(order.cart_id) as { completed_at: string | null };
        assert.equal(lines.n, 2, `${order.number} has its lines`);
        assert.equal(held.n, 2, `${order.number} holds its stock`);
        assert.ok(cart.completed_at, `${order.number}'s cart is completed`);
      }
      const orphans = db.prepare(`select count(*) as n from stock_reservations r where r.reference like 'order:%' and not exists (select 1 from orders o where 'order:' || o.number = r.reference)`).get() as { n: number };
      assert.equal(orphans.n, 0, 'no reservation without its order');
      const openCarts = db.prepare(`select count(*) as n from carts c where c.completed_at is not null and not exists (select 1 from orders o where o.cart_id = c.id) and c.id in (${carts.map(() => '?').join(',')})`).get(...carts) as { n: number };
      assert.equal(openCarts.n, 0, 'no cart completed without an order');
      const mismatched = db.prepare(`
        select count(*) as n from stock_levels s
        where s.reserved <> coalesce((select sum(quantity) from stock_reservations r where r.variant_id = s.variant_id and r.location_id = s.location_id and r.status = 'active'), 0)`).get() as { n: number };
      assert.equal(mismatched.n, 0, 'reserved counts equal the active holds');
    } finally {
      db.close();
    }

    // The restarted shop sells again: a fresh checkout goes through.
    const cart = await (await post('/api/store/carts', { currency: 'IDR' })).json();
    await post(`/api/store/carts/${cart.id}/items`, { sku: skus[0], quantity: 1 });
    const res = await post(`/api/store/carts/${cart.id}/complete`, { email: 'dewi@example.com', shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: 'cod' }, { 'idempotency-key': `after-${cart.id}` });
    assert.equal(res.status, 201);
  });
});

// The cart pages without JavaScript: add from a product page, see the mini-cart count, change and remove lines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../catalog/index.ts';
import { setOnHand } from '../inventory/index.ts';
import type { App } from '../platform/http/app.ts';

describe('cart pages', () => {
  let ctx: TestContext;
  let app: App;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  before(async () => {
    ctx = await createTestContext();
    await importProducts(ctx, [
      {
        status: 'active',
        translations: { en: { name: 'Kopi Toraja', slug: 'kopi-toraja' }, id: { name: 'Kopi Toraja Asli', slug: 'kopi-toraja-asli' } },
        variants: [{ sku: 'TORAJA-250', prices: [{ currency: 'IDR', amount: 85000 }], tier_prices: [{ currency: 'IDR', min_quantity: 3, amount: 80000 }] }],
      },
      { status: 'active', translations: { en: { name: 'Rare honey', slug: 'rare-honey' } }, variants: [{ sku: 'HONEY-1', prices: [{ currency: 'IDR', amount: 120000 }] }] },
    ]);
    await setOnHand(ctx, (await findVariantsBySku(ctx, ['HONEY-1'])).get('HONEY-1')!.id, 1);
    app = await createTestApp(ctx);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const post = (url: string, fields: Record<string, string>, cookie?: string) =>
    app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) } });

  it('shows an add-to-cart form on the product page and an empty mini-cart', async () => {
    const res = await app.inject({ url: '/p/kopi-toraja' });
    assert.match(res.body, /data-testid="add-to-cart"/);
    assert.match(res.body, /name="sku" value="TORAJA-250"/);
    assert.match(res.body, /data-testid="mini-cart" href="\/cart">Cart \(0\)/);
    assert.equal(res.headers['set-cookie'], undefined, 'browsing sets no cookie');
  });

  it('adds to a new cart, remembers it in a cookie, and counts it on every page', async () => {
    const added = await post('/id/cart/add', { sku: 'TORAJA-250', quantity: '2' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/id/cart?notice=added');
    const cookie = String(added.headers['set-cookie']).split(';')[0]!;
    assert.match(cookie, /^pasar_cart=c_[A-Za-z0-9_-]{24}$/);
    assert.match(String(added.headers['set-cookie']), /HttpOnly; SameSite=Lax/);

    const cart = await app.inject({ url: '/id/cart?notice=added', headers: { cookie } });
    assert.equal(cart.statusCode, 200);
    assert.equal(cart.headers['cache-control'], 'no-store');
    assert.match(cart.body, /Ditambahkan ke keranjang/);
    assert.match(cart.body, /Kopi Toraja Asli/);
    assert.match(cart.body, /data-testid="line-total">Rp\s?170\.000/);
    const home = await app.inject({ url: '/', headers: { cookie } });
    assert.match(home.body, /Cart \(2\)/);

    // A third unit reaches the tier price "from 3".
    await post('/id/cart/add', { sku: 'TORAJA-250', quantity: '1' }, cookie);
    const tiered = await app.inject({ url: '/cart', headers: { cookie } });
    assert.match(tiered.body, /data-testid="line-total">IDR\s240,000/);
    assert.match(tiered.body, /Price for 3 or more/);
  });

  it('changes a quantity and removes a line with plain form posts', async () => {
    const added = await post('/cart/add', { sku: 'TORAJA-250', quantity: '1' });
    const cookie = String(added.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/cart', headers: { cookie } });
    const itemId = /action="\/cart\/items\/(\d+)"/.exec(page.body)![1]!;
    const changed = await post(`/cart/items/${itemId}`, { quantity: '4' }, cookie);
    assert.equal(changed.statusCode, 303);
    assert.match((await app.inject({ url: '/cart', headers: { cookie } })).body, /value="4"/);
    const removed = await post(`/cart/items/${itemId}/remove`, {}, cookie);
    assert.equal(removed.statusCode, 303);
    assert.match((await app.inject({ url: '/cart', headers: { cookie } })).body, /Your cart is empty/);
  });

  it('explains a refusal on the page and changes nothing', async () => {
    const res = await post('/cart/add', { sku: 'HONEY-1', quantity: '2' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /role="alert">Only 1 left\./);
    const unknown = await post('/cart/add', { sku: '<script>x</script>', quantity: '1' });
    assert.equal(unknown.statusCode, 404);
    assert.doesNotMatch(unknown.body, /<script>x/);
    const bad = await post('/cart/add', { sku: 'HONEY-1', quantity: 'lots' });
    assert.equal(bad.statusCode, 400);
    const lines = await ctx.db.kysely.selectFrom('cart_items').innerJoin('variants', 'variants.id', 'cart_items.variant_id').where('variants.sku', '=', 'HONEY-1').selectAll().execute();
    assert.equal(lines.length, 0);
  });
});

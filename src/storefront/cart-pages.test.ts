// The cart pages without JavaScript: add from a product page, see the mini-cart count, change and remove lines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../catalog/index.ts';
import { setOnHand } from '../inventory/index.ts';
import type { App } from '../platform/http/app.ts';
import { postForm, storefrontCsrf, type StorefrontCsrf } from './storefront-test-helpers.ts';

describe('cart pages', () => {
  let ctx: TestContext;
  let app: App;
  let csrf: StorefrontCsrf;
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
    csrf = await storefrontCsrf(app);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  // Posts as a browser would: with the CSRF cookie and the token the page's forms carry.
  const post = (url: string, fields: Record<string, string>, cookie?: string) => postForm(app, csrf, url, fields, cookie);
  const cartLines = () => ctx.db.kysely.selectFrom('cart_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

  it('shows an add-to-cart form on the product page and an empty mini-cart', async () => {
    const res = await app.inject({ url: '/p/kopi-toraja' });
    assert.match(res.body, /data-testid="add-to-cart"/);
    assert.match(res.body, /name="sku" value="TORAJA-250"/);
    assert.match(res.body, /data-testid="mini-cart" href="\/cart">Cart \(0\)/);
    // A first visit: no cookie set and no token in the forms; the browser's Sec-Fetch-Site vouches for their posts.
    assert.match(res.body, /<form class="add-to-cart"[^>]*><input type="hidden" name="_csrf" value=""/);
    assert.equal(res.headers['set-cookie'], undefined, 'browsing the catalogue sets no cookie');
    assert.match(String(res.headers['cache-control']), /^private/, 'later views carry per-visitor parts: not for shared caches');
    const again = await app.inject({ url: '/p/kopi-toraja' });
    assert.equal(again.headers.etag, res.headers.etag, 'every first visit gets the same page');
    assert.equal(again.body, res.body);
  });

  it('puts the token of a visitor who holds the CSRF cookie in the forms of catalogue pages, and sets nothing', async () => {
    const res = await app.inject({ url: '/p/kopi-toraja', headers: { cookie: csrf.cookie } });
    assert.ok(res.body.includes(`<input type="hidden" name="_csrf" value="${csrf.token}"/><input type="hidden" name="sku" value="TORAJA-250"/>`));
    assert.equal(res.headers['set-cookie'], undefined);
    const first = await app.inject({ url: '/p/kopi-toraja' });
    assert.notEqual(res.headers.etag, first.headers.etag, 'the token is part of the validator');
    // The cart page is the visitor's own: it mints the cookie for a visitor who has none.
    const cart = await app.inject({ url: '/cart' });
    assert.match(String(cart.headers['set-cookie']), /^pasar_csrf=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('accepts a post the browser says is same-origin without a token, and refuses a cross-site one with a valid token', async () => {
    const add = (headers: Record<string, string>, fields: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/cart/add', payload: form({ sku: 'TORAJA-250', quantity: '1', ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    const cartCookie = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat().map(String).find((c) => c.startsWith('pasar_cart='));

    const before = await cartLines();
    const refused = [
      add({ 'sec-fetch-site': 'cross-site', cookie: csrf.cookie }, { _csrf: csrf.token }),
      add({ 'sec-fetch-site': 'same-site', cookie: csrf.cookie }, { _csrf: csrf.token }),
      add({ origin: 'https://evil.example', cookie: csrf.cookie }, { _csrf: csrf.token }),
      add({ origin: 'http://localhost:3000.evil.example' }),
      add({ origin: 'not a url' }),
      // Origin: null says nothing of where the post comes from, so the (missing) token decides.
      add({ origin: 'null' }),
    ];
    for (const res of await Promise.all(refused)) {
      assert.equal(res.statusCode, 403, res.body.slice(0, 200));
      assert.match(res.body, /data-testid="form-expired"/);
      assert.equal(cartCookie(res), undefined, 'no cart was created');
    }
    assert.equal(await cartLines(), before);

    // A first visit's form, as a browser posts it: no cookie, an empty token, Sec-Fetch-Site or Origin.
    const vouched: Record<string, string>[] = [{ 'sec-fetch-site': 'same-origin' }, { origin: 'http://localhost:3000' }, { origin: 'http://shop.test', host: 'shop.test' }];
    for (const headers of vouched) {
      const res = await add(headers, { _csrf: '' });
      assert.equal(res.statusCode, 303, `${JSON.stringify(headers)}: ${res.body.slice(0, 200)}`);
      assert.ok(cartCookie(res), 'a cart was created');
    }
    assert.equal(await cartLines(), before + 3);
    // A valid token does not rescue a post the browser calls cross-site, and a stale token does not spoil a same-origin one.
    assert.equal((await add({ 'sec-fetch-site': 'same-origin', cookie: csrf.cookie }, { _csrf: 'stale' })).statusCode, 303);
  });

  it("refuses a form post without the visitor's CSRF token: 403 page, nothing written", async () => {
    const before = await cartLines();
    const attempts = [
      // no cookie, no token: a cross-site post from a first-time visitor
      app.inject({ method: 'POST', url: '/cart/add', payload: form({ sku: 'TORAJA-250', quantity: '1' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      // the cookie (a browser sends it along) but no token
      app.inject({ method: 'POST', url: '/cart/add', payload: form({ sku: 'TORAJA-250', quantity: '1' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie } }),
      // a token made for another visitor's cookie
      postForm(app, { ...csrf, token: (await storefrontCsrf(app)).token }, '/cart/add', { sku: 'TORAJA-250', quantity: '1' }),
      // hostile and oversized tokens, and a token in JSON
      postForm(app, { ...csrf, token: '<script>alert(1)</script>' }, '/id/cart/add', { sku: 'TORAJA-250', quantity: '1' }),
      postForm(app, { ...csrf, token: 'x'.repeat(5000) }, '/cart/add', { sku: 'TORAJA-250', quantity: '1' }),
      app.inject({ method: 'POST', url: '/cart/add', payload: { sku: 'TORAJA-250', quantity: '1', _csrf: 1 }, headers: { cookie: csrf.cookie } }),
      app.inject({ method: 'POST', url: '/cart/items/1', payload: form({ quantity: '0' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie } }),
      app.inject({ method: 'POST', url: '/cart/items/1/remove', headers: { cookie: csrf.cookie } }),
    ];
    for (const res of await Promise.all(attempts)) {
      assert.equal(res.statusCode, 403, res.body.slice(0, 200));
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /data-testid="form-expired"/);
      assert.doesNotMatch(res.body, /<script>alert/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.ok(![res.headers['set-cookie'] ?? []].flat().some((c) => String(c).startsWith('pasar_cart=')), 'no cart was created');
    }
    assert.equal(await cartLines(), before);

    // The page is in the shop's language and links back to the page the form was on.
    const fromProduct = await app.inject({
      method: 'POST', url: '/id/cart/add', payload: form({ sku: 'TORAJA-250', quantity: '1' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://localhost:3000/id/p/kopi-toraja-asli' },
    });
    assert.equal(fromProduct.statusCode, 403);
    assert.match(fromProduct.body, /<html lang="id"/);
    assert.match(fromProduct.body, /href="\/id\/p\/kopi-toraja-asli">Kembali dan coba lagi/);
    const fromElsewhere = await app.inject({
      method: 'POST', url: '/cart/add', payload: form({ sku: 'TORAJA-250', quantity: '1' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'https://evil.example/p/x' },
    });
    assert.match(fromElsewhere.body, /href="\/">Go back and try again/);
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

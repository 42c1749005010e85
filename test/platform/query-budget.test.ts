// Query budgets: how many SQL statements each storefront page and each store API route may issue per request.
//
// A budget is a ceiling on the statements one request sends to the database, counted on the cold path (the
// catalogue cache emptied just before) and, for a signed-in customer, with a session last seen over a minute ago
// (so the session's refresh is counted). Each budget is the count measured today on the costlier of SQLite and
// PostgreSQL plus a margin of two (a route that issues none keeps 0); a change that adds statements has to raise
// its budget here, visibly.
//
// Where the work could grow with the number of items (listings, carts, orders, wishlists, address books…), a route
// is measured with a small and a large input and both must cost the same: no N+1. A known N+1 is marked `grows`
// with the function responsible; its budget is for the large input (twelve cart lines, ten orders).
//
// The table must name EVERY store API route (/api/store/…, every method) and EVERY GET page (storefront and
// account pages, sitemaps, robots.txt), read from the real app: a new route without a row fails the test, and so
// does a row whose route is gone. A page is named once, as registered for the default locale; its variants under
// the language prefixes (/id, /th, /fil, /es) are measured against the same budget. What is left out, and why, is
// in ./query-budget/routes.ts (EXCLUDED). Set QUERY_BUDGET_REPORT=1 to print every count measured.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimCart } from '../../src/cart/index.ts';
import type { App } from '../../src/platform/http/app.ts';
import { seedDemo } from '../../src/seed/demo/seed-demo.ts';
import { createTestApp, createTestContext, TEST_DB, type TestContext } from '../helpers/test-context.ts';
import { flat, get, perCustomer, row, runChecks, send, type Entry, type Measured } from './query-budget/measure.ts';
import { EXCLUDED, isCovered, keyOf, tableKeyOf, variantsOf, type LoggedRoute } from './query-budget/routes.ts';
import { ADDRESS, buildScene, SHIPPING_OPTION, STRONG_PASSWORD, type Scene } from './query-budget/scene.ts';

const CARDS = /data-testid="product-card"/g;
const JAKARTA = 'country=ID&region=DKI%20Jakarta&postal_code=12190';
const cart = (id: string) => `pasar_cart=${id}`;
const GUEST_ORDER = { email: 'guest@example.com', shipping_address: ADDRESS, shipping_option_id: SHIPPING_OPTION, payment_method: 'cod' };

const TABLE: Entry[] = [
  // ---- Store API: catalogue, reviews, shipping ----
  row('GET /api/store/products', 21,
    flat(() => get('/api/store/products?per_page=2'), () => get('/api/store/products?per_page=100'), { items: /"slug"/g }),
    flat(() => get('/api/store/products?q=kopi&per_page=2'), () => get('/api/store/products?q=kopi&per_page=100'), { items: /"slug"/g })),
  row('GET /api/store/products/:slug', 26, (s, l) => get(`/api/store/products/${s.product[l]}`)),
  row('GET /api/store/categories', 5, () => get('/api/store/categories')),
  row('POST /api/store/products/:slug/reviews', 5, (s, l) => send('POST', `/api/store/products/${s.product[l]}/reviews`, { author_name: 'Ana', rating: 5, title: 'Lovely', body: 'Would buy again.' })),
  row('POST /api/store/reviews/:id/helpful', 3, (s) => send('POST', `/api/store/reviews/${s.reviewId}/helpful`)),
  row('GET /api/store/shipping/estimate', 6,
    () => get(`/api/store/shipping/estimate?${JAKARTA}&weight_grams=500&subtotal=100000&currency=IDR`),
    () => get('/api/store/shipping/estimate?weight_grams=500&subtotal=100000&currency=IDR')),

  // ---- Store API: carts and checkout (each request gets fresh carts) ----
  row('POST /api/store/carts', 5, () => send('POST', '/api/store/carts', {})),
  row('GET /api/store/carts/:id', 11, flat(async (s) => get(`/api/store/carts/${await s.cart(1)}`), async (s) => get(`/api/store/carts/${await s.cart(12)}`), { items: /"sku"/g })),
  row('POST /api/store/carts/:id/items', 24,
    flat(async (s) => send('POST', `/api/store/carts/${await s.cart(1)}/items`, { sku: s.skus[20], quantity: 1 }), async (s) => send('POST', `/api/store/carts/${await s.cart(12)}/items`, { sku: s.skus[20], quantity: 1 }))),
  row('PATCH /api/store/carts/:id/items/:itemId', 22,
    flat(async (s) => { const id = await s.cart(1); return send('PATCH', `/api/store/carts/${id}/items/${await s.firstLine(id)}`, { quantity: 3 }); },
      async (s) => { const id = await s.cart(12); return send('PATCH', `/api/store/carts/${id}/items/${await s.firstLine(id)}`, { quantity: 3 }); })),
  row('DELETE /api/store/carts/:id/items/:itemId', 15,
    flat(async (s) => { const id = await s.cart(2); return send('DELETE', `/api/store/carts/${id}/items/${await s.firstLine(id)}`); },
      async (s) => { const id = await s.cart(13); return send('DELETE', `/api/store/carts/${id}/items/${await s.firstLine(id)}`); })),
  row('GET /api/store/carts/:id/shipping-options', 16,
    flat(async (s) => get(`/api/store/carts/${await s.cart(1)}/shipping-options?${JAKARTA}`), async (s) => get(`/api/store/carts/${await s.cart(12)}/shipping-options?${JAKARTA}`)),
    flat((s) => get(`/api/store/carts/${s.readyCart.one}/shipping-options`), (s) => get(`/api/store/carts/${s.readyCart.many}/shipping-options`))),
  row('POST /api/store/carts/:id/complete', 33,
    flat(async (s) => { const id = await s.cart(1); return send('POST', `/api/store/carts/${id}/complete`, GUEST_ORDER, { headers: { 'idempotency-key': `qb-${id}` } }); },
      async (s) => { const id = await s.cart(12); return send('POST', `/api/store/carts/${id}/complete`, GUEST_ORDER, { headers: { 'idempotency-key': `qb-${id}` } }); })),
  row('GET /api/store/orders/:number', 5,
    flat((s) => get(`/api/store/orders/${s.guestOrder.one.number}?email=guest@example.com`), (s) => get(`/api/store/orders/${s.guestOrder.many.number}?email=guest@example.com`), { items: /"sku"/g })),

  // ---- Store API: customer accounts ----
  row('POST /api/store/customers', 10, () => send('POST', '/api/store/customers', { email: `new${Date.now()}@example.com`, name: 'Nur Aini', password: STRONG_PASSWORD })),
  // Signing in merges the guest cart into the customer's open cart.
  row('POST /api/store/auth/login', 22, flat(
    async (s) => send('POST', '/api/store/auth/login', ...(await loginWithGuestCart(s, 1))),
    async (s) => send('POST', '/api/store/auth/login', ...(await loginWithGuestCart(s, 12))))),
  row('POST /api/store/auth/logout', 5, async (s) => send('POST', '/api/store/auth/logout', undefined, { cookie: (await s.extraSession(s.one)).cookie })),
  row('POST /api/store/auth/verify', 10, async (s) => send('POST', '/api/store/auth/verify', { token: await s.token(s.one, 'verify_email') })),
  row('POST /api/store/auth/forgot', 9, async (s) => {
    await s.ctx.db.kysely.deleteFrom('customer_tokens').where('customer_id', '=', s.one.id).where('kind', '=', 'reset_password').execute();
    return send('POST', '/api/store/auth/forgot', { email: s.one.email });
  }),
  row('POST /api/store/auth/reset', 14, async (s) => { const c = await s.customer(); return send('POST', '/api/store/auth/reset', { token: await s.token(c, 'reset_password'), password: `new-${STRONG_PASSWORD}` }); }),
  row('GET /api/store/me', 5, (s) => get('/api/store/me', { as: s.one })),
  row('PATCH /api/store/me', 8, (s) => send('PATCH', '/api/store/me', { name: 'Shopper One' }, { as: s.one })),
  row('POST /api/store/me/verification', 12, async (s) => {
    const c = await s.customer({ verified: false });
    await s.ctx.db.kysely.updateTable('customer_tokens').set({ created_at: new Date(Date.now() - 5 * 60_000).toISOString() }).where('customer_id', '=', c.id).execute();
    return send('POST', '/api/store/me/verification', undefined, { as: c });
  }),
  row('GET /api/store/me/orders', 10, perCustomer((s, c) => get('/api/store/me/orders', { as: c }), /"number"/g)),
  row('GET /api/store/me/orders/:number', 9,
    flat((s) => get(`/api/store/me/orders/${s.accountOrder.one}`, { as: s.one }), (s) => get(`/api/store/me/orders/${s.accountOrder.many}`, { as: s.ten }), { items: /"sku"/g })),
  row('GET /api/store/me/sessions', 6, perCustomer((s, c) => get('/api/store/me/sessions', { as: c }), /"user_agent"/g)),
  row('DELETE /api/store/me/sessions/:id', 7, perCustomer(async (s, c) => send('DELETE', `/api/store/me/sessions/${(await s.extraSession(c)).id}`, undefined, { as: c }))),
  row('GET /api/store/me/export', 20, perCustomer((s, c) => get('/api/store/me/export', { as: c }), /"line1"/g)),
  row('POST /api/store/me/erase', 22,
    flat(async (s) => send('POST', '/api/store/me/erase', { password: STRONG_PASSWORD }, { as: await s.customer({ orders: 1 }) }),
      async (s) => send('POST', '/api/store/me/erase', { password: STRONG_PASSWORD }, { as: await s.customer({ orders: 10 }) }))),
  row('POST /api/store/me/erasure-request', 7, async (s) => send('POST', '/api/store/me/erasure-request', { note: 'Please erase me' }, { as: await s.customer() })),
  row('GET /api/store/me/addresses', 6, perCustomer((s, c) => get('/api/store/me/addresses', { as: c }), /"line1"/g)),
  row('POST /api/store/me/addresses', 10, perCustomer((s, c) => send('POST', '/api/store/me/addresses', { ...ADDRESS, name: 'Office' }, { as: c }))),
  row('PUT /api/store/me/addresses/:id', 11, perCustomer(async (s, c) => send('PUT', `/api/store/me/addresses/${await s.firstAddress(c)}`, { ...ADDRESS, is_default: true }, { as: c }))),
  row('POST /api/store/me/addresses/:id/default', 10, perCustomer(async (s, c) => send('POST', `/api/store/me/addresses/${await s.firstAddress(c)}/default`, undefined, { as: c }))),
  // Deleting the default address: the next one becomes the default (the costlier path).
  row('DELETE /api/store/me/addresses/:id', 11, perCustomer(async (s, c) => send('DELETE', `/api/store/me/addresses/${await s.address(c, true)}`, undefined, { as: c }))),
  row('GET /api/store/me/wishlist', 12, perCustomer((s, c) => get('/api/store/me/wishlist', { as: c }), /"slug"/g)),
  row('POST /api/store/me/wishlist', 8, perCustomer((s, c) => send('POST', '/api/store/me/wishlist', { slug: s.freshSlug() }, { as: c }))),
  row('DELETE /api/store/me/wishlist/:id', 6, perCustomer(async (s, c) => send('DELETE', `/api/store/me/wishlist/${await wishlisted(s, c.session)}`, undefined, { as: c }))),

  // ---- Catalogue and content pages ----
  row('GET /', 43, () => get('/'), (s) => get('/', { as: s.one, cookie: cart(s.readyCart.many) })),
  row('GET /search', 25, flat(() => get('/search?q=kopi&page=2'), () => get('/search?q=kopi'), { items: CARDS })),
  row('GET /c/:slug', 26, flat((s, l) => get(`/c/${s.category[l]}?page=2`), (s, l) => get(`/c/${s.category[l]}`), { items: CARDS })),
  row('GET /p/:slug', 35, (s, l) => get(`/p/${s.product[l]}`), (s, l) => get(`/p/${s.product[l]}`, { as: s.one, cookie: cart(s.readyCart.many) })),
  row('GET /news', 9, flat(() => get('/news?page=2'), () => get('/news'), { items: /<h2><a href="[^"]*\/news\//g })),
  row('GET /news/:slug', 9, (s, l) => get(`/news/${s.article[l]}`)),
  row('GET /pages/:slug', 9, (s, l) => get(`/pages/${s.page[l]}`)),

  // ---- Account pages ----
  row('GET /account/register', 6, () => get('/account/register')),
  row('GET /account/login', 6, () => get('/account/login')),
  row('GET /account/verify', 14, async (s) => get(`/account/verify?token=${await s.token(s.one, 'verify_email')}`)),
  row('GET /account/forgot', 6, () => get('/account/forgot')),
  row('GET /account/reset', 6, async (s) => get(`/account/reset?token=${await s.token(s.one, 'reset_password')}`)),
  row('GET /account', 9, (s) => get('/account', { as: s.one })),
  row('GET /account/orders', 14, perCustomer((s, c) => get('/account/orders', { as: c }), /data-testid="order-row"/g)),
  row('GET /account/orders/:number', 13,
    flat((s) => get(`/account/orders/${s.accountOrder.one}`, { as: s.one }), (s) => get(`/account/orders/${s.accountOrder.many}`, { as: s.ten }), { items: /<th scope="row">/g })),
  row('GET /account/sessions', 10, perCustomer((s, c) => get('/account/sessions', { as: c }), /data-testid="session"/g)),
  row('GET /account/addresses', 10, perCustomer((s, c) => get('/account/addresses', { as: c }), /data-testid="address"/g)),
  row('GET /account/addresses/new', 10, (s) => get('/account/addresses/new', { as: s.one })),
  row('GET /account/addresses/:id', 11, async (s) => get(`/account/addresses/${await s.firstAddress(s.one)}`, { as: s.one })),
  row('GET /account/wishlist', 16, perCustomer((s, c) => get('/account/wishlist', { as: c }), /data-testid="wishlist-item"/g)),
  row('GET /account/privacy', 10, perCustomer((s, c) => get('/account/privacy', { as: c }))),
  row('GET /account/privacy/export', 20, perCustomer((s, c) => get('/account/privacy/export', { as: c }), /"line1"/g)),

  // ---- Cart and checkout pages (carts with lines, address and delivery chosen) ----
  row('GET /cart', 21, flat((s) => get('/cart', { cookie: cart(s.readyCart.one) }), (s) => get('/cart', { cookie: cart(s.readyCart.many) }), { items: /data-testid="cart-line"/g })),
  row('GET /checkout', 23,
    flat((s) => get('/checkout', { cookie: cart(s.readyCart.one) }), (s) => get('/checkout', { cookie: cart(s.readyCart.many) })),
    // A signed-in customer: the cart becomes theirs and the form starts from their default address.
    flat(async (s) => get('/checkout', { as: s.one, cookie: cart(await s.cart(1)) }), async (s) => get('/checkout', { as: s.ten, cookie: cart(await s.cart(12)) }))),
  row('GET /checkout/delivery', 36, flat((s) => get('/checkout/delivery', { cookie: cart(s.readyCart.one) }), (s) => get('/checkout/delivery', { cookie: cart(s.readyCart.many) }))),
  row('GET /checkout/payment', 51, flat((s) => get('/checkout/payment', { cookie: cart(s.readyCart.one) }), (s) => get('/checkout/payment', { cookie: cart(s.readyCart.many) }))),
  row('GET /checkout/confirmation/:number', 11, flat((s) => get(s.guestOrder.one.confirmation), (s) => get(s.guestOrder.many.confirmation))),

  // ---- Without a language prefix: redirects of the default locale's prefix, sitemaps, robots.txt ----
  row('GET /en', 0, () => get('/en')),
  row('GET /en/*', 0, (s) => get(`/en/p/${s.product.en}`)),
  row('GET /sitemap.xml', 3, () => get('/sitemap.xml')),
  row('GET /sitemaps/pages.xml', 21, flat(async (s) => get('/sitemaps/pages.xml', { undo: await hideAllBut(s, 'news_articles', 1) }), () => get('/sitemaps/pages.xml'), { items: /<loc>/g })),
  row('GET /sitemaps/:file', 4, flat(async (s) => get('/sitemaps/products-1.xml', { undo: await hideAllBut(s, 'products', 3) }), () => get('/sitemaps/products-1.xml'), { items: /<loc>/g })),
  row('GET /robots.txt', 0, () => get('/robots.txt')),
];

/** A new customer whose open cart already has a line, signing in with a guest cart of `lines` other lines. */
async function loginWithGuestCart(s: Scene, lines: number): Promise<[object, { cookie: string }]> {
  const c = await s.customer();
  await claimCart(s.ctx, await s.cart(1), c.id);
  return [{ email: c.email, password: STRONG_PASSWORD }, { cookie: cart(await s.cart(lines, 20)) }];
}

/** Adds a product to the customer's wishlist; its product id. */
async function wishlisted(s: Scene, session: string): Promise<number> {
  const res = await s.app.inject({ method: 'POST', url: '/api/store/me/wishlist', payload: { slug: s.freshSlug() }, headers: { cookie: session } });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { product_id: number }).product_id;
}

/** Takes all but `keep` published articles or active products out of the shop; the returned function puts them back. */
async function hideAllBut(s: Scene, table: 'news_articles' | 'products', keep: number): Promise<() => Promise<unknown>> {
  const db = s.ctx.db.kysely;
  const [shown, hidden] = table === 'products' ? ['active', 'archived'] as const : ['published', 'draft'] as const;
  const ids = (await db.selectFrom(table).select('id').where('status', '=', shown).orderBy('id').execute()).map((r) => r.id).slice(keep);
  await db.updateTable(table).set({ status: hidden }).where('id', 'in', ids).execute();
  return () => db.updateTable(table).set({ status: shown }).where('id', 'in', ids).execute();
}

describe('query budgets', () => {
  let ctx: TestContext;
  let app: App;
  let scene: Scene;
  const logged: LoggedRoute[] = [];
  let registered: Set<string>;
  const report: Array<{ route: string; budget: number; measured: Measured[] }> = [];

  before(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx, { images: false });
    app = await createTestApp(ctx);
    logged.push(...app.registeredRoutes.filter((r) => r.method !== 'HEAD'));
    registered = new Set(logged.map(keyOf));
    scene = await buildScene(ctx, app);
  });
  after(async () => {
    if (process.env.QUERY_BUDGET_REPORT) {
      for (const r of report) {
        const max = Math.max(...r.measured.map((m) => m.count));
        console.log(`${TEST_DB}\t${r.route}\t${max}\t${r.budget}\t${r.measured.map((m) => `${m.url}=${m.count}${m.items !== undefined ? `(${m.items})` : ''}`).join(' ')}`);
      }
    }
    await app?.close();
    await ctx?.close();
  });

  it('has a budget for every store API route and every page, and no budget for a route that is gone', () => {
    const table = new Set(TABLE.map((e) => e.route));
    assert.equal(table.size, TABLE.length, 'a route is in the table twice');
    const covered = logged.filter(isCovered);
    assert.ok(covered.some((r) => r.url.startsWith('/api/store/')) && covered.some((r) => r.url.startsWith('/account')), 'the route log found the routes');
    const missing = covered.filter((r) => tableKeyOf(r, table, ctx.config.defaultLocale) === null).map(keyOf);
    assert.deepEqual(missing, [], 'covered routes without a budget: add a row to TABLE');
    const gone = TABLE.filter((e) => !registered.has(e.route)).map((e) => e.route);
    assert.deepEqual(gone, [], 'rows for routes that are not registered (any more)');
    const uncovered = TABLE.filter((e) => !logged.some((r) => keyOf(r) === e.route && isCovered(r))).map((e) => e.route);
    assert.deepEqual(uncovered, [], 'rows for routes that are excluded');
    const stale = EXCLUDED.filter((e) => !logged.some((r) => e.rule.test(keyOf(r)))).map((e) => String(e.rule));
    assert.deepEqual(stale, [], 'exclusions that match no route');
  });

  for (const entry of TABLE) {
    it(`${entry.route}: at most ${entry.budget} statements`, async () => {
      const variants = variantsOf(entry.route, registered, ctx.config.defaultLocale);
      assert.ok(variants.length > 0, `${entry.route} is not registered`);
      const measured: Measured[] = [];
      for (const v of variants) measured.push(...(await runChecks(scene, entry, v.locale, v.prefix)));
      report.push({ route: entry.route, budget: entry.budget, measured });
      const over = measured.filter((m) => m.count > entry.budget).map((m) => `${m.url}: ${m.count}`);
      assert.deepEqual(over, [], `${entry.route}: over its budget of ${entry.budget} statements`);
    });
  }
});

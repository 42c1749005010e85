// The shop the query budgets are measured in: the demo shop, plus what the routes need to answer with real work —
// customers with one and with ten orders, addresses, wishlist items and sessions, carts with one and with twelve
// lines (and with address and delivery chosen), guest orders placed through the checkout pages, one-time tokens.
// Everything here is set up outside the counted requests.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { setOnHand } from '../../../src/inventory/index.ts';
import { createArticle } from '../../../src/content/index.ts';
import { attachOrders, registerCustomer } from '../../../src/customers/index.ts';
import { SESSION_COOKIE } from '../../../src/customers/session.ts';
import { STRONG_PASSWORD } from '../../../src/customers/test-support.ts';
import { issueToken } from '../../../src/customers/tokens.ts';
import type { CustomerTokenKind } from '../../../src/customers/customers.table.ts';
import { createSession } from '../../../src/platform/auth/sessions.ts';
import { SUPPORTED_LOCALES, type Locale } from '../../../src/platform/config.ts';
import type { App } from '../../../src/platform/http/app.ts';
import { seedDemo } from '../../../src/seed/demo/seed-demo.ts';
import { CART_COOKIE } from '../../../src/storefront/cart-cookie.ts';
import { postForm, storefrontCsrf, type StorefrontCsrf } from '../../../src/storefront/storefront-test-helpers.ts';
import type { TestContext } from '../../helpers/test-context.ts';

export { STRONG_PASSWORD };

/** A delivery address in the demo shop's Jakarta zone (JNE Regular, IDR). */
export const ADDRESS = { name: 'Siti Rahma', line1: 'Jl. Sudirman 45', city: 'Jakarta Selatan', region: 'DKI Jakarta', postal_code: '12190', country: 'ID', phone: '+62 812 3456 7890' };
export const SHIPPING_OPTION = 'jkt-regular';

export interface Customer {
  id: number;
  email: string;
  /** `pasar_session=…` of the customer's own session, for the Cookie header. */
  session: string;
  sessionId: string;
}

export interface GuestOrder {
  number: string;
  email: string;
  /** The confirmation page's URL, with the token the checkout pages put in it. */
  confirmation: string;
}

type PerLocale = Record<Locale, string>;

export interface Scene {
  ctx: TestContext;
  app: App;
  csrf: StorefrontCsrf;
  /** Slugs of one product, one category (30 products: a full first page of 24, a second of 6), an article, a page. */
  product: PerLocale;
  category: PerLocale;
  article: PerLocale;
  page: PerLocale;
  /** Published articles: 13, so the second page of /news shows one and the first twelve. */
  articles: number;
  /** SKUs with stock and an IDR price, one per cart line. */
  skus: string[];
  /** An approved review (for the helpful vote). */
  reviewId: number;
  /** One order, one address, one wishlist item, one session. */
  one: Customer;
  /** Ten orders (the newest with twelve lines), ten addresses, ten wishlist items, ten sessions. */
  ten: Customer;
  /** Order numbers of `one` (a single line) and of `ten` (twelve lines). */
  accountOrder: { one: string; many: string };
  /** Guest orders placed through the checkout pages, with one line and with twelve. */
  guestOrder: { one: GuestOrder; many: GuestOrder };
  /** Guest carts with lines, address and delivery chosen: one line, twelve lines. */
  readyCart: { one: string; many: string };
  /** A new API cart with `lines` lines (from the `offset`th SKU on). */
  cart(lines: number, offset?: number): Promise<string>;
  /** The id of the cart's first line. */
  firstLine(cartId: string): Promise<number>;
  /** A new cart with `lines` lines, the address and the delivery chosen through the checkout pages. */
  checkoutCart(lines: number): Promise<string>;
  /** A new verified customer (argon2 hashing: about half a second). */
  customer(options?: { verified?: boolean; orders?: number }): Promise<Customer>;
  /** The customer's session cookie, last seen over a minute ago (so the request refreshes it: the costlier path). */
  signedIn(customer: Customer): Promise<string>;
  /** A second session of the customer, for ending it. */
  extraSession(customer: Customer): Promise<{ cookie: string; id: string }>;
  token(customer: Customer, kind: CustomerTokenKind): Promise<string>;
  /** A product slug the customers' wishlists do not hold yet. */
  freshSlug(): string;
  /** A new address in the customer's book (the default one when `isDefault`); its id. */
  address(customer: Customer, isDefault?: boolean): Promise<number>;
  /** The first address of the customer's book. */
  firstAddress(customer: Customer): Promise<number>;
  /** Places an order for the cart through the store API. */
  placeOrder(cartId: string, email: string): Promise<string>;
}

const cartCookie = (id: string) => `${CART_COOKIE}=${id}`;
const ok = (res: LightMyRequestResponse, what: string) => assert.ok(res.statusCode < 400, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);

export async function buildScene(ctx: TestContext, app: App): Promise<Scene> {
  const db = ctx.db.kysely;
  const csrf = await storefrontCsrf(app);
  let serial = 0;

  // ---- Catalogue and content ----
  // A slug per locale, the default locale's where a translation is missing.
  const perLocale = (rows: Array<{ locale: string; slug: string }>) => {
    const by = Object.fromEntries(rows.map((r) => [r.locale, r.slug]));
    return Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, by[l] ?? by[ctx.config.defaultLocale]])) as PerLocale;
  };
  const firstProduct = await db.selectFrom('products').select('id').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
  const product = perLocale(await db.selectFrom('product_translations').select(['locale', 'slug']).where('product_id', '=', firstProduct.id).execute());
  // The category with the most products of its own: 30 in the demo shop.
  const biggest = await db.selectFrom('product_categories').select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category_id').orderBy('n', 'desc').orderBy('category_id').executeTakeFirstOrThrow();
  assert.ok(Number(biggest.n) > 24 && Number(biggest.n) < 48, `the biggest category has ${biggest.n} products: a full page and a short one expected`);
  const category = perLocale(await db.selectFrom('category_translations').select(['locale', 'slug']).where('category_id', '=', biggest.category_id).execute());

  // Thirteen published articles: twelve on the first page of /news, one on the second.
  const published = await db.selectFrom('news_articles').select('id').where('status', '=', 'published').execute();
  for (let n = published.length; n < 13; n++) {
    await createArticle(ctx, {
      status: 'published', author: 'Query Budget', published_at: new Date(Date.now() - (n + 1) * 30 * 86_400_000).toISOString(),
      translations: { [ctx.config.defaultLocale]: { title: `Harvest notes ${n}`, body: `<p>Notes from the harvest, part ${n}.</p>` } },
    });
  }
  const articles = Math.max(published.length, 13);
  const newest = await db.selectFrom('news_articles').select('id').where('status', '=', 'published').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
  const article = perLocale(await db.selectFrom('news_article_translations').select(['locale', 'slug']).where('article_id', '=', newest.id).execute());
  const firstPage = await db.selectFrom('content_pages').select('id').orderBy('id').executeTakeFirstOrThrow();
  const page = perLocale(await db.selectFrom('content_page_translations').select(['locale', 'slug']).where('page_id', '=', firstPage.id).execute());

  const review = await db.selectFrom('product_reviews').select('id').where('status', '=', 'approved').orderBy('id').executeTakeFirstOrThrow();

  // ---- Stock: plenty of each SKU the carts use ----
  const variants = await db.selectFrom('variants as v').innerJoin('variant_prices as p', 'p.variant_id', 'v.id').innerJoin('products as pr', 'pr.id', 'v.product_id')
    .where('p.currency', '=', ctx.config.defaultCurrency).where('pr.status', '=', 'active').select(['v.id', 'v.sku']).orderBy('v.id').limit(40).execute();
  for (const v of variants) await setOnHand(ctx, v.id, 100_000);
  const skus = variants.map((v) => v.sku);

  const wishlistSlugs = (await db.selectFrom('product_translations as t').innerJoin('products as p', 'p.id', 't.product_id')
    .where('p.status', '=', 'active').where('t.locale', '=', ctx.config.defaultLocale).select('t.slug').orderBy('p.id').execute()).map((r) => r.slug);
  let nextSlug = 0;
  const freshSlug = () => {
    const slug = wishlistSlugs[nextSlug++];
    assert.ok(slug, 'out of product slugs for wishlists');
    return slug;
  };

  // ---- Carts and orders ----
  async function cart(lines: number, offset = 0): Promise<string> {
    const created = await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} });
    ok(created, 'create cart');
    const id = (created.json() as { id: string }).id;
    for (const sku of skus.slice(offset, offset + lines)) {
      ok(await app.inject({ method: 'POST', url: `/api/store/carts/${id}/items`, payload: { sku, quantity: 1 } }), `add ${sku}`);
    }
    return id;
  }
  const firstLine = async (cartId: string) =>
    (await db.selectFrom('cart_items').select('id').where('cart_id', '=', cartId).orderBy('id').executeTakeFirstOrThrow()).id;
  async function checkoutCart(lines: number): Promise<string> {
    const id = await cart(lines);
    ok(await postForm(app, csrf, '/checkout/address', { email: 'guest@example.com', ...ADDRESS, line2: '' }, cartCookie(id)), 'checkout address');
    ok(await postForm(app, csrf, '/checkout/delivery', { shipping_option_id: SHIPPING_OPTION }, cartCookie(id)), 'checkout delivery');
    return id;
  }
  async function guestOrder(lines: number): Promise<GuestOrder> {
    const id = await checkoutCart(lines);
    const payment = await app.inject({ url: '/checkout/payment', headers: { cookie: `${csrf.cookie}; ${cartCookie(id)}` } });
    const key = /name="idempotency_key" value="([^"]+)"/.exec(payment.body)?.[1];
    assert.ok(key, `no idempotency key on the payment page (${payment.statusCode})`);
    const placed = await postForm(app, csrf, '/checkout/place', { payment_method: 'cod', idempotency_key: key }, cartCookie(id));
    const location = String(placed.headers.location ?? '');
    const number = /\/checkout\/confirmation\/(PSR-\d+)/.exec(location)?.[1];
    assert.ok(number, `placing the order answered ${placed.statusCode} ${location}`);
    return { number, email: 'guest@example.com', confirmation: location };
  }
  async function placeOrder(cartId: string, email: string): Promise<string> {
    const res = await app.inject({
      method: 'POST', url: `/api/store/carts/${cartId}/complete`, headers: { 'idempotency-key': `qb-${cartId}` },
      payload: { email, shipping_address: ADDRESS, shipping_option_id: SHIPPING_OPTION, payment_method: 'cod' },
    });
    ok(res, 'place order');
    return (res.json() as { number: string }).number;
  }

  // ---- Customers ----
  async function sessionFor(customerId: number) {
    const { token, session } = await createSession(ctx, { subject: 'customer', subjectId: customerId, ttlMs: 30 * 86_400_000, ip: '127.0.0.1', userAgent: 'query-budget' });
    return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, id: String(session.id) };
  }
  async function customer(options: { verified?: boolean; orders?: number } = {}): Promise<Customer> {
    const email = `shopper${++serial}@example.com`;
    const profile = await registerCustomer(ctx, { email, name: `Shopper ${serial}`, password: STRONG_PASSWORD });
    if (options.verified !== false) await db.updateTable('customers').set({ email_verified_at: new Date().toISOString() }).where('id', '=', profile.id).execute();
    for (let n = 0; n < (options.orders ?? 0); n++) await placeOrder(await cart(1, n), email);
    const row = await db.selectFrom('customers').select(['id', 'email', 'email_verified_at']).where('id', '=', profile.id).executeTakeFirstOrThrow();
    await attachOrders(ctx, row);
    const { cookie, id } = await sessionFor(profile.id);
    return { id: profile.id, email, session: cookie, sessionId: id };
  }
  async function signedIn(c: Customer): Promise<string> {
    await db.updateTable('auth_sessions').set({ last_seen_at: new Date(Date.now() - 5 * 60_000).toISOString() }).where('id', '=', c.sessionId).execute();
    return c.session;
  }
  async function address(c: Customer, isDefault = false): Promise<number> {
    const payload = { ...ADDRESS, name: `Home ${++serial}`, is_default: isDefault };
    const res = await app.inject({ method: 'POST', url: '/api/store/me/addresses', payload, headers: { cookie: c.session } });
    ok(res, 'add address');
    return (res.json() as { id: number }).id;
  }
  const firstAddress = async (c: Customer) =>
    (await db.selectFrom('customer_addresses').select('id').where('customer_id', '=', c.id).orderBy('id').executeTakeFirstOrThrow()).id;
  async function wish(c: Customer) {
    ok(await app.inject({ method: 'POST', url: '/api/store/me/wishlist', payload: { slug: freshSlug() }, headers: { cookie: c.session } }), 'wishlist');
  }
  const token = async (c: Customer, kind: CustomerTokenKind) => (await db.transaction().execute((trx) => issueToken(ctx, trx, c.id, kind))).token;

  const one = await customer({ orders: 1 });
  const ten = await customer({ orders: 9 });
  // The newest order of `ten` has twelve lines (the order pages and the export read lines).
  const manyLines = await placeOrder(await cart(12), ten.email);
  await attachOrders(ctx, { id: ten.id, email: ten.email, email_verified_at: new Date().toISOString() });
  const oneOrder = (await db.selectFrom('orders').select('number').where('customer_id', '=', one.id).executeTakeFirstOrThrow()).number;
  await address(one);
  await wish(one);
  for (let n = 0; n < 10; n++) {
    await address(ten);
    await wish(ten);
    if (n > 0) await sessionFor(ten.id);
  }

  return {
    ctx, app, csrf, product, category, article, page, articles, skus, reviewId: review.id, one, ten,
    accountOrder: { one: oneOrder, many: manyLines },
    guestOrder: { one: await guestOrder(1), many: await guestOrder(12) },
    readyCart: { one: await checkoutCart(1), many: await checkoutCart(12) },
    cart, firstLine, checkoutCart, customer, signedIn, token, freshSlug, address, firstAddress, placeOrder,
    extraSession: (c) => sessionFor(c.id),
  };
}

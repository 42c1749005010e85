// The account pages without JavaScript: every form posts with the visitor's CSRF token, problems come back beside
// the fields, private pages send visitors to sign in first, and every page exists in the five languages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../../catalog/index.ts';
import { setOnHand } from '../../inventory/index.ts';
import type { App } from '../../platform/http/app.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';
import { postForm, storefrontCsrf, type StorefrontCsrf } from '../../storefront/storefront-test-helpers.ts';
import { cookieFrom, sendQueuedMail, startMailbox, STRONG_PASSWORD, tokenFor, type Mailbox } from '../test-support.ts';

describe('account pages', () => {
  let ctx: TestContext;
  let app: App;
  let mailbox: Mailbox;
  let csrf: StorefrontCsrf;
  let session = '';

  before(async () => {
    mailbox = await startMailbox();
    ctx = await createTestContext({ SMTP_URL: mailbox.url });
    await seedShippingAndTax(ctx);
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Kopi Toraja', slug: 'kopi-toraja' }, id: { name: 'Kopi Toraja Asli', slug: 'kopi-toraja-asli' } }, variants: [{ sku: 'TORAJA-250', prices: [{ currency: 'IDR', amount: 85000 }] }] }]);
    await setOnHand(ctx, (await findVariantsBySku(ctx, ['TORAJA-250'])).get('TORAJA-250')!.id, 20);
    app = await createTestApp(ctx);
    csrf = await storefrontCsrf(app);
  });
  after(async () => {
    await app.close();
    await ctx.close();
    await mailbox.close();
  });

  const post = (url: string, fields: Record<string, string>, cookie?: string) => postForm(app, csrf, url, fields, cookie ?? session);
  const get = (url: string, cookie?: string) => app.inject({ url, headers: { cookie: [csrf.cookie, cookie ?? session].filter(Boolean).join('; ') } });

  it('registers through the form, refusing problems beside the fields', async () => {
    const page = await get('/account/register');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<label for="f-email">Email<\/label>/);
    assert.match(page.body, /name="_csrf"/);
    assert.doesNotMatch(page.body, /style="|<script(?! type="application\/ld\+json")/, 'no inline style or script');

    const empty = await post('/account/register', { email: '', name: '', password: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /data-testid="error-summary"/);
    assert.match(empty.body, /href="#f-email">Email: Please fill in this field\./);
    assert.match(empty.body, /aria-invalid="true" aria-describedby="f-email-error"/);
    const weak = await post('/account/register', { email: 'dewi@example.co.id', name: 'Dewi Lestari', password: 'password123' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /leaked passwords/);
    assert.match(weak.body, /value="dewi@example\.co\.id"/, 'the form keeps what was typed');
    assert.doesNotMatch(weak.body, /value="password123"/, 'but never the password');
    const hostile = await post('/account/register', { email: 'dewi@example.co.id', name: '<script>alert(1)</script>', password: STRONG_PASSWORD });
    assert.equal(hostile.statusCode, 400);
    assert.doesNotMatch(hostile.body, /<script>alert/);
    assert.equal((await ctx.db.kysely.selectFrom('customers').select('id').execute()).length, 0, 'nothing written');

    const noToken = await app.inject({ method: 'POST', url: '/account/register', payload: 'email=dewi%40example.co.id&name=Dewi&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie } });
    assert.equal(noToken.statusCode, 403, 'no CSRF token, no account');

    const ok = await post('/id/account/register', { email: 'Dewi@Example.co.id', name: 'Dewi Lestari', password: STRONG_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 500));
    assert.match(ok.body, /dewi@example\.co\.id/);
    const taken = await post('/account/register', { email: 'dewi@example.co.id', name: 'Dewi L', password: STRONG_PASSWORD });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /already exists/);
  });

  it('verifies the address from the emailed link, in the customer\'s language', async () => {
    await sendQueuedMail(ctx);
    const { url } = tokenFor(mailbox.mails, 'dewi@example.co.id', '/account/verify');
    const res = await get(new URL(url).pathname + new URL(url).search);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /data-ok="true"/);
    assert.match(res.body, /lang="id"/);
    const again = await get(new URL(url).pathname + new URL(url).search);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /data-ok="false"/);
    assert.equal((await get('/account/verify?token=%3Cscript%3E')).statusCode, 400);
  });

  it('sends visitors to sign in, and back where they were afterwards', async () => {
    for (const path of ['/account', '/account/orders', '/account/sessions', '/account/privacy', '/account/addresses', '/account/wishlist', '/id/account/orders/PSR-1']) {
      const res = await get(path);
      assert.equal(res.statusCode, 303, path);
      assert.match(String(res.headers.location), /\/account\/login\?return_to=/);
    }
    const home = await get('/');
    assert.match(home.body, /data-testid="account-link" href="\/account\/login">Sign in</);
    const wrong = await post('/account/login', { email: 'dewi@example.co.id', password: 'wrong-password-00' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /not right/);
    const evil = await post('/account/login', { email: 'dewi@example.co.id', password: STRONG_PASSWORD, return_to: '//evil.example/x' });
    assert.equal(evil.headers.location, '/account', 'never off the shop');
    const res = await post('/account/login', { email: 'dewi@example.co.id', password: STRONG_PASSWORD, return_to: '/account/orders' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account/orders');
    session = cookieFrom(res, 'pasar_session')!;
    assert.ok(session);
    const signedIn = await get('/');
    assert.match(signedIn.body, /data-testid="account-link" href="\/account">Account</);
    const orders = await get('/account/orders');
    assert.equal(orders.statusCode, 200);
    assert.match(orders.body, /You have no orders yet\./);
  });

  it('saves the profile, and shows problems beside the fields', async () => {
    const page = await get('/account');
    assert.match(page.body, /data-testid="account-email">dewi@example\.co\.id/);
    const bad = await post('/account', { name: '', phone: 'call me', birthday: '2023-02-30', preferred_locale: 'xx', preferred_currency: '', marketing_consent: '0' });
    assert.equal(bad.statusCode, 400);
    for (const field of ['name', 'phone', 'preferred_locale']) assert.match(bad.body, new RegExp(`href="#f-${field}"`));
    const badDate = await post('/account', { name: 'Dewi', birthday: '2023-02-30' });
    assert.equal(badDate.statusCode, 400);
    const ok = await postForm(app, csrf, '/account', { name: 'Dewi Lestari', phone: '+62 811 2233 4455', birthday: '1992-03-04', preferred_locale: 'id', preferred_currency: 'IDR' }, session);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/account?notice=saved');
    const consent = await app.inject({
      method: 'POST', url: '/account', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${csrf.cookie}; ${session}` },
      payload: `name=Dewi+Lestari&marketing_consent=0&marketing_consent=1&_csrf=${encodeURIComponent(csrf.token)}`,
    });
    assert.equal(consent.statusCode, 303);
    const row = await ctx.db.kysely.selectFrom('customers').selectAll().where('email', '=', 'dewi@example.co.id').executeTakeFirstOrThrow();
    assert.equal(row.marketing_consent, 1);
    assert.ok(row.marketing_consent_at);
    assert.equal(row.phone, null, 'the second save cleared the phone it did not send');
    const tooLong = await post('/account', { name: 'x'.repeat(500) });
    assert.equal(tooLong.statusCode, 400);
  });

  it('manages addresses and the wishlist with forms', async () => {
    const bad = await post('/account/addresses', { name: 'Dewi', phone: '12', line1: '', city: 'Jakarta', region: 'DKI', postal_code: 'ABC', country: 'ID', is_default: '0' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#f-line1"/);
    assert.match(bad.body, /href="#f-postal_code"/);
    const ok = await post('/account/addresses', { name: 'Dewi', phone: '+62 811 2233 4455', line1: 'Jl. Kemang 8', line2: '', city: 'Jakarta Selatan', region: 'DKI Jakarta', postal_code: '12730', country: 'ID', is_default: '0' });
    assert.equal(ok.statusCode, 303);
    const list = await get('/account/addresses');
    assert.match(list.body, /Jl\. Kemang 8/);
    const id = /\/account\/addresses\/(\d+)"/.exec(list.body)![1];
    assert.equal((await get(`/account/addresses/${id}`)).statusCode, 200);
    assert.equal((await get('/account/addresses/99999')).statusCode, 404);
    assert.equal((await post('/account/addresses/99999/delete', {})).statusCode, 404);

    const product = await get('/p/kopi-toraja');
    assert.match(product.body, /data-testid="add-to-wishlist"/);
    const added = await post('/account/wishlist', { slug: 'kopi-toraja' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/account/wishlist?notice=wishlist_added');
    const wishlist = await get('/account/wishlist');
    assert.match(wishlist.body, /Kopi Toraja/);
    const guest = await postForm(app, csrf, '/account/wishlist', { slug: 'kopi-toraja' });
    assert.equal(guest.statusCode, 303);
    assert.match(String(guest.headers.location), /^\/account\/login\?return_to=%2Fp%2Fkopi-toraja/);
    assert.equal((await post('/account/wishlist', { slug: 'nope' })).statusCode, 404);
  });

  it('checkout starts from the customer\'s email and default address', async () => {
    const added = await post('/cart/add', { sku: 'TORAJA-250', quantity: '1' });
    const cart = cookieFrom(added, 'pasar_cart')!;
    const res = await get('/checkout', `${session}; ${cart}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /value="dewi@example\.co\.id"/);
    assert.match(res.body, /value="Jl\. Kemang 8"/);
    const owner = await ctx.db.kysely.selectFrom('carts').select('customer_id').where('id', '=', cart.split('=')[1]!).executeTakeFirstOrThrow();
    assert.ok(owner.customer_id, 'the cart is the customer\'s');
  });

  it('lists sessions, downloads the data, and erases the account with the password', async () => {
    const sessions = await get('/account/sessions');
    assert.match(sessions.body, /data-current="true"/);
    const exported = await get('/account/privacy/export');
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-disposition']), /attachment/);
    assert.equal(JSON.parse(exported.body).profile.email, 'dewi@example.co.id');
    const privacy = await get('/account/privacy');
    assert.match(privacy.body, /kept, because the shop must keep them for its accounts/);
    const wrong = await post('/account/privacy/erase', { password: 'not-my-password-1' });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.body, /nothing was erased/);
    const request = await post('/account/privacy/request', { note: 'Bye' });
    assert.equal(request.statusCode, 303);
    assert.match((await get('/account/privacy')).body, /data-testid="erasure-pending"/);
    const erased = await post('/account/privacy/erase', { password: STRONG_PASSWORD });
    assert.equal(erased.statusCode, 200);
    assert.match(erased.body, /data-testid="erased"/);
    assert.match(String(erased.headers['set-cookie']), /pasar_session=; Path=\/; Max-Age=0/);
    assert.equal((await get('/account')).statusCode, 303, 'signed out');
    assert.equal((await post('/account/login', { email: 'dewi@example.co.id', password: STRONG_PASSWORD })).statusCode, 401);
  });

  it('exists in all five languages', async () => {
    const expected = { '': 'Sign in', '/id': 'Masuk', '/th': 'เข้าสู่ระบบ', '/fil': 'Mag-sign in', '/es': 'Iniciar sesión' };
    for (const [prefix, text] of Object.entries(expected)) {
      const res = await get(`${prefix}/account/login`, '');
      assert.equal(res.statusCode, 200, prefix);
      assert.match(res.body, new RegExp(`<h1>${text}</h1>`), prefix);
      for (const path of ['/account/register', '/account/forgot', '/account/reset?token=x']) assert.equal((await get(`${prefix}${path}`, '')).statusCode, 200, `${prefix}${path}`);
    }
  });
});

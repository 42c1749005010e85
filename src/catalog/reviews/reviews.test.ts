import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { makeProduct } from '../images/test-fixtures.ts';
import { submitReview } from './reviews.service.ts';

const n = (v: unknown) => Number(v);
const valid = { author_name: 'Siti', rating: 5, title: 'Lovely coffee', body: 'Fruity, clean, and fresh.' };

describe('buyer reviews', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let support: Record<string, string>;
  let warehouse: Record<string, string>;
  const changed: number[][] = [];
  const reviews = () => ctx.db.kysely.selectFrom('product_reviews').selectAll().orderBy('id').execute();
  const count = async () => (await reviews()).length;
  const isError = (res: { json(): any }) => {
    const body = res.json();
    assert.equal(typeof body.error?.code, 'string');
    assert.equal(typeof body.error?.message, 'string');
  };

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    support = await adminAuth(ctx, 'support');
    warehouse = await adminAuth(ctx, 'warehouse');
    ctx.events.on('catalog.products_changed', (p) => void changed.push(p.productIds));
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('accepts a review as pending (202), trimmed, unverified, in the language of the slug, hostile text kept as text', async () => {
    const product = await makeProduct(ctx);
    const res = await app.inject({
      method: 'POST',
      url: `/api/store/products/${product.slug}-id/reviews`,
      payload: { author_name: '  <script>alert(1)</script>  ', rating: 4, title: "  ' OR 1=1 --  ", body: '  Enak sekali.\r\n\r\n\r\n\r\nMantap!\u0000  ' },
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().status, 'pending');
    const [row] = await reviews();
    assert.equal(row!.product_id, product.id);
    assert.equal(row!.author_name, '<script>alert(1)</script>');
    assert.equal(row!.title, "' OR 1=1 --");
    assert.equal(row!.body, 'Enak sekali.\n\nMantap!');
    assert.equal(row!.locale, 'id');
    assert.equal(row!.status, 'pending');
    assert.equal(n(row!.verified_purchase), 0);
    assert.equal(n(row!.helpful_votes), 0);
    const explicit = await app.inject({ method: 'POST', url: `/api/store/products/${product.slug}/reviews`, payload: { ...valid, locale: 'th' } });
    assert.equal(explicit.statusCode, 202);
    assert.equal((await reviews()).at(-1)!.locale, 'th');
  });

  it('keeps the verified-purchase seam in the service input', async () => {
    const product = await makeProduct(ctx);
    const { id } = await submitReview(ctx, { productId: product.id, ...valid, locale: 'en', verifiedPurchase: true });
    const row = await ctx.db.kysely.selectFrom('product_reviews').select('verified_purchase').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(n(row.verified_purchase), 1);
  });

  it('refuses bad submissions with 4xx and the error shape, writing nothing', async () => {
    const product = await makeProduct(ctx);
    const draft = await makeProduct(ctx, { status: 'draft' });
    const before = await count();
    const url = `/api/store/products/${product.slug}/reviews`;
    const cases: Array<[string, unknown, number]> = [
      [url, { ...valid, rating: 0 }, 400],
      [url, { ...valid, rating: 6 }, 400],
      [url, { ...valid, rating: 4.5 }, 400],
      [url, { ...valid, rating: '5' }, 400],
      [url, { ...valid, title: 123 }, 400],
      [url, { ...valid, title: '   ' }, 400],
      [url, { ...valid, body: '\u0000\u0001 ' }, 400],
      [url, { ...valid, author_name: '' }, 400],
      [url, { ...valid, author_name: 'x'.repeat(81) }, 400],
      [url, { ...valid, title: 'x'.repeat(151) }, 400],
      [url, { ...valid, body: 'x'.repeat(5001) }, 400],
      [url, { ...valid, body: 'x'.repeat(1_000_000) }, 400],
      [url, { ...valid, locale: 'xx' }, 400],
      [url, { ...valid, status: 'approved' }, 400],
      [url, { ...valid, verified_purchase: true }, 400],
      [url, { ...valid, helpful_votes: 100 }, 400],
      [url, { author_name: 'a', rating: 3, title: 't' }, 400],
      [url, [], 400],
      [`/api/store/products/no-such-product/reviews`, valid, 404],
      [`/api/store/products/${encodeURIComponent("' OR 1=1 --")}/reviews`, valid, 404],
      [`/api/store/products/${draft.slug}/reviews`, valid, 404],
      [`/api/store/products/${'x'.repeat(300)}/reviews`, valid, 400],
    ];
    for (const [u, payload, status] of cases) {
      const res = await app.inject({ method: 'POST', url: u, payload: payload as object });
      assert.equal(res.statusCode, status, `${JSON.stringify(payload).slice(0, 80)} → ${res.body}`);
      isError(res);
    }
    assert.equal(await count(), before);
  });

  it('counts helpful votes on approved reviews only (404 otherwise, nothing written)', async () => {
    const product = await makeProduct(ctx);
    const { id } = await submitReview(ctx, { productId: product.id, ...valid, locale: 'en' });
    const vote = (rid: number | string) => app.inject({ method: 'POST', url: `/api/store/reviews/${rid}/helpful` });
    const pending = await vote(id);
    assert.equal(pending.statusCode, 404);
    isError(pending);
    await ctx.db.kysely.updateTable('product_reviews').set({ status: 'approved' }).where('id', '=', id).execute();
    const results = await Promise.all([vote(id), vote(id), vote(id)]);
    for (const r of results) assert.equal(r.statusCode, 200, r.body);
    const row = await ctx.db.kysely.selectFrom('product_reviews').select('helpful_votes').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(n(row.helpful_votes), 3, 'concurrent votes are all counted');
    for (const [rid, status] of [[999_999, 404], ['abc', 400], [0, 400], ["1' OR 1=1 --", 400]] as const) {
      const res = await vote(rid);
      assert.equal(res.statusCode, status, String(rid));
      isError(res);
    }
    await ctx.db.kysely.updateTable('product_reviews').set({ status: 'rejected' }).where('id', '=', id).execute();
    assert.equal((await vote(id)).statusCode, 404);
    const after = await ctx.db.kysely.selectFrom('product_reviews').select('helpful_votes').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(n(after.helpful_votes), 3);
  });

  it('lists reviews for moderators, pending first, filtered by status and product', async () => {
    const product = await makeProduct(ctx, { name: 'Kopi Gayo' });
    const ids: number[] = [];
    for (const status of ['approved', 'pending', 'rejected', 'pending'] as const) {
      const { id } = await submitReview(ctx, { productId: product.id, ...valid, locale: 'en' });
      await ctx.db.kysely.updateTable('product_reviews').set({ status }).where('id', '=', id).execute();
      ids.push(id);
    }
    const res = await app.inject({ url: `/api/admin/reviews?product=${product.id}`, headers: support });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 4);
    // Pending first, then newest first (the rejected one was written after the approved one).
    assert.deepEqual(body.items.map((r: any) => r.status), ['pending', 'pending', 'rejected', 'approved']);
    assert.equal(body.items[0].product_name, 'Kopi Gayo');
    const pending = (await app.inject({ url: `/api/admin/reviews?status=pending&product=${product.id}&per_page=1&page=2`, headers: owner })).json();
    assert.equal(pending.total, 2);
    assert.deepEqual(pending.items.map((r: any) => r.id), [ids[1]]);
    for (const q of ['status=bogus', 'page=0', 'per_page=1000', 'product=abc', "status=' OR 1=1 --", 'unknown=1']) {
      const bad = await app.inject({ url: `/api/admin/reviews?${q}`, headers: owner });
      assert.equal(bad.statusCode, 400, q);
      isError(bad);
    }
  });

  it('approves and rejects, publishing a change only when the product rating changes; deletes', async () => {
    const product = await makeProduct(ctx);
    const { id } = await submitReview(ctx, { productId: product.id, ...valid, locale: 'en' });
    const patch = (status: unknown, auth = support, rid: number | string = id) =>
      app.inject({ method: 'PATCH', url: `/api/admin/reviews/${rid}`, headers: auth, payload: { status } });
    changed.length = 0;
    const approved = await patch('approved');
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');
    assert.deepEqual(changed, [[product.id]]);
    assert.equal((await patch('approved')).statusCode, 200);
    assert.deepEqual(changed, [[product.id]], 'approving again changes nothing');
    assert.equal((await patch('rejected')).json().status, 'rejected');
    assert.deepEqual(changed, [[product.id], [product.id]]);
    changed.length = 0;
    assert.equal((await patch('pending')).statusCode, 200);
    assert.deepEqual(changed, [], 'rejected → pending does not change the rating');

    const status = async () => (await ctx.db.kysely.selectFrom('product_reviews').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    for (const [s, rid, auth, code] of [
      ['published', id, support, 400],
      [1, id, support, 400],
      ["approved' OR 1=1 --", id, support, 400],
      ['approved', 999_999, support, 404],
      ['approved', 'abc', support, 400],
      ['approved', id, warehouse, 403],
      ['approved', id, {}, 401],
    ] as const) {
      const res = await patch(s, auth as Record<string, string>, rid);
      assert.equal(res.statusCode, code, `${s} ${rid}`);
      isError(res);
    }
    const extra = await app.inject({ method: 'PATCH', url: `/api/admin/reviews/${id}`, headers: support, payload: { status: 'approved', rating: 1 } });
    assert.equal(extra.statusCode, 400);
    assert.equal(await status(), 'pending');

    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/reviews/${id}`, headers: warehouse })).statusCode, 403);
    const del = await app.inject({ method: 'DELETE', url: `/api/admin/reviews/${id}`, headers: support });
    assert.equal(del.statusCode, 204);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/reviews/${id}`, headers: support })).statusCode, 404);
    assert.equal((await ctx.db.kysely.selectFrom('product_reviews').select('id').where('id', '=', id).execute()).length, 0);
  });

  it('does not let the warehouse role read the moderation queue', async () => {
    const res = await app.inject({ url: '/api/admin/reviews', headers: warehouse });
    assert.equal(res.statusCode, 403);
    isError(res);
  });
});

describe('review moderation page', () => {
  let ctx: TestContext;
  let app: App;
  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('lists pending reviews first with escaped text, and approves and rejects through CSRF-protected forms', async () => {
    const product = await makeProduct(ctx, { name: 'Batik <i>tulis</i>' });
    const old = await submitReview(ctx, { productId: product.id, ...valid, title: 'Old approved', locale: 'en' });
    await ctx.db.kysely.updateTable('product_reviews').set({ status: 'approved', created_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', old.id).execute();
    const { id } = await submitReview(ctx, { productId: product.id, ...valid, title: '<img src=x onerror=alert(1)>', locale: 'en' });
    const browser = await adminBrowser(app, ctx, 'support');
    const page = await browser.get('/admin/reviews');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aria-current="page"[^>]*>Reviews|href="\/admin\/reviews"[^>]*aria-current="page"/);
    assert.ok(page.body.indexOf('&lt;img src=x onerror=alert(1)') > 0, 'hostile title escaped');
    assert.ok(!page.body.includes('<img src=x'), 'never rendered as HTML');
    assert.match(page.body, /Batik &lt;i(>|&gt;)tulis&lt;\/i/);
    assert.ok(page.body.indexOf('&lt;img src=x') < page.body.indexOf('Old approved'), 'pending first');

    const approve = await browser.post(`/admin/reviews/${id}/approve`, { back_status: 'pending', back_product: '', back_page: '1' });
    assert.equal(approve.statusCode, 303, approve.body);
    assert.equal(approve.headers.location, '/admin/reviews?status=pending&notice=approved');
    const status = async () => (await ctx.db.kysely.selectFrom('product_reviews').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    assert.equal(await status(), 'approved');
    const reject = await browser.post(`/admin/reviews/${id}/reject`, { back_status: 'javascript:alert(1)', back_product: "' OR 1=1", back_page: '-1' });
    assert.equal(reject.statusCode, 303);
    assert.equal(reject.headers.location, '/admin/reviews?notice=rejected');
    assert.equal(await status(), 'rejected');

    const filtered = await browser.get('/admin/reviews?status=approved');
    assert.ok(filtered.body.includes('Old approved') && !filtered.body.includes('&lt;img src=x'));
    assert.equal((await browser.get('/admin/reviews?status=bogus')).statusCode, 400);
    assert.equal((await browser.post('/admin/reviews/999999/approve', {})).statusCode, 404);
    assert.equal((await browser.post(`/admin/reviews/${id}/publish`, {})).statusCode, 400);
  });

  it('refuses posts without the CSRF token and roles without reviews:moderate, changing nothing', async () => {
    const product = await makeProduct(ctx);
    const { id } = await submitReview(ctx, { productId: product.id, ...valid, locale: 'en' });
    const support = await adminBrowser(app, ctx, 'support');
    const forged = await app.inject({
      method: 'POST',
      url: `/admin/reviews/${id}/approve`,
      headers: { cookie: support.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=forged',
    });
    assert.equal(forged.statusCode, 403);
    const warehouse = await adminBrowser(app, ctx, 'warehouse');
    assert.equal((await warehouse.get('/admin/reviews')).statusCode, 403);
    assert.equal((await warehouse.post(`/admin/reviews/${id}/approve`, {})).statusCode, 403);
    assert.equal((await app.inject({ url: '/admin/reviews' })).statusCode, 302);
    const row = await ctx.db.kysely.selectFrom('product_reviews').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
  });
});

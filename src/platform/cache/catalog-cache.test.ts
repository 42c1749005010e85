// The catalogue cache in the running app: warm reads skip the database, and every kind of catalogue write is visible
// on the very next read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { seedDemo } from '../../seed/demo/seed-demo.ts';
import type { App } from '../http/app.ts';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';

describe('catalogue cache', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx, { images: false });
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const list = async () => (await app.inject({ url: '/api/store/products?per_page=100&sort=newest' })).json() as { total: number; items: Array<{ id: number; slug: string }> };

  it('answers a repeated search and product read without querying the catalogue again', async () => {
    const first = await list();
    ctx.queries.length = 0;
    const again = await list();
    assert.deepEqual(again, first);
    assert.equal(ctx.queries.filter((q) => /search_products|product_translations/.test(q)).length, 0, ctx.queries.join('\n'));

    const slug = first.items[0]!.slug;
    await app.inject({ url: `/api/store/products/${slug}` });
    ctx.queries.length = 0;
    assert.equal((await app.inject({ url: `/api/store/products/${slug}` })).statusCode, 200);
    assert.equal(ctx.queries.filter((q) => /product_translations/.test(q)).length, 0);
  });

  it('shows an archived product gone, and a stock count change, on the next read', async () => {
    const before = await list();
    const gone = before.items[0]!;
    assert.equal((await app.inject({ url: `/api/store/products/${gone.slug}` })).statusCode, 200);
    const patch = await app.inject({ method: 'PATCH', url: `/api/admin/products/${gone.id}`, headers: owner, payload: { status: 'archived' } });
    assert.equal(patch.statusCode, 200, patch.body);
    const afterArchive = await list();
    assert.equal(afterArchive.total, before.total - 1);
    assert.ok(!afterArchive.items.some((p) => p.id === gone.id));
    assert.equal((await app.inject({ url: `/api/store/products/${gone.slug}` })).statusCode, 404);

    const other = afterArchive.items[0]!;
    const detail = async () => (await app.inject({ url: `/api/store/products/${other.slug}` })).json() as { variants: Array<{ sku: string; stock: { status: string } }> };
    const variant = (await detail()).variants[0]!;
    const put = await app.inject({ method: 'PUT', url: `/api/admin/inventory/${encodeURIComponent(variant.sku)}`, headers: owner, payload: { on_hand: 0 } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal((await detail()).variants.find((v) => v.sku === variant.sku)!.stock.status, 'out_of_stock');
  });

  it('lets clients revalidate: Cache-Control and an ETag on catalogue answers, 304 while unchanged, 200 after a change', async () => {
    const url = '/api/store/products?per_page=5&sort=newest';
    const first = await app.inject({ url });
    assert.match(String(first.headers['cache-control']), /public, max-age=\d+, stale-while-revalidate=\d+/);
    const etag = String(first.headers.etag);
    assert.ok(etag.length > 2);
    const same = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(same.statusCode, 304);
    assert.equal(same.body, '');

    const newest = first.json().items[0] as { id: number };
    const patch = await app.inject({ method: 'PATCH', url: `/api/admin/products/${newest.id}`, headers: owner, payload: { status: 'draft' } });
    assert.equal(patch.statusCode, 200, patch.body);
    const changed = await app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);

    for (const path of ['/api/store/categories', `/api/store/products/${changed.json().items[0].slug}`]) {
      const res = await app.inject({ url: path });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /^public/);
      assert.equal((await app.inject({ url: path, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode, 304);
    }
    // Answers that depend on who asks are never marked public.
    const cart = await app.inject({ method: 'POST', url: '/api/store/carts', payload: {} });
    assert.doesNotMatch(String(cart.headers['cache-control'] ?? ''), /public/);
  });

  it('sends catalogue answers and cached pages gzipped to clients that accept it, each with its own validator', async () => {
    const slug = (await list()).items[0]!.slug;
    // A visitor who holds a CSRF cookie (the page's holes filled per request), and a first visit (made once, kept).
    for (const cookie of [{ cookie: 'pasar_csrf=abcdefghijklmnopqrstuvwxyz012345' }, {}]) {
      for (const url of ['/api/store/products?per_page=20', `/api/store/products/${slug}`, '/', `/p/${slug}`, '/id/search?q=kopi']) {
        const plain = await app.inject({ url, headers: cookie });
        const gz = await app.inject({ url, headers: { ...cookie, 'accept-encoding': 'gzip, deflate, br' } });
        const label = `${url} ${cookie.cookie ? 'with' : 'without'} a CSRF cookie`;
        assert.equal(plain.statusCode, 200, label);
        assert.equal(plain.headers['content-encoding'], undefined, label);
        assert.equal(gz.headers['content-encoding'], 'gzip', label);
        assert.match(String(gz.headers.vary), /Accept-Encoding/, label);
        assert.equal(zlib.gunzipSync(gz.rawPayload).toString('utf8'), plain.body, `${label}: the same answer, compressed`);
        assert.ok(gz.rawPayload.length * 2 < plain.rawPayload.length, `${label}: ${gz.rawPayload.length} bytes for ${plain.rawPayload.length}`);
        assert.notEqual(gz.headers.etag, plain.headers.etag, label);
        const revalidated = await app.inject({ url, headers: { ...cookie, 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) } });
        assert.equal(revalidated.statusCode, 304, label);
      }
    }
    // A page's visitor parts stay the visitor's: another CSRF cookie, another token in the (compressed) forms.
    const other = await app.inject({ url: `/p/${slug}`, headers: { cookie: 'pasar_csrf=ZYXWVUTSRQPONMLKJIHGFEDCBA987654', 'accept-encoding': 'gzip' } });
    const mine = await app.inject({ url: `/p/${slug}`, headers: { cookie: 'pasar_csrf=abcdefghijklmnopqrstuvwxyz012345', 'accept-encoding': 'gzip' } });
    const token = (res: typeof mine) => /name="_csrf" value="([^"]+)"/.exec(zlib.gunzipSync(res.rawPayload).toString('utf8'))?.[1];
    assert.ok(token(mine) && token(other) && token(mine) !== token(other));
  });
});


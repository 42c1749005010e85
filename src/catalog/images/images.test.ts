import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { MAX_UPLOAD_BYTES } from './read-upload.ts';
import { storeProductImage } from './images.service.ts';
import { makeImage, makeProduct, multipart, upload } from './test-fixtures.ts';

const n = (v: unknown) => Number(v);

describe('product photos', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let warehouse: Record<string, string>;
  const changed: number[][] = [];

  const originals = () => path.join(ctx.dataDir, 'media', 'originals');
  const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : []);
  const imageCount = async () => n((await ctx.db.kysely.selectFrom('product_images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const altCount = async () => n((await ctx.db.kysely.selectFrom('product_image_translations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** Asserts a refused upload: status, error shape, and no row, alt text or file added. */
  async function refused(res: { statusCode: number; json(): any }, status: number, code?: string) {
    assert.equal(res.statusCode, status, JSON.stringify(res.json()));
    const body = res.json();
    assert.equal(typeof body.error?.code, 'string');
    assert.equal(typeof body.error?.message, 'string');
    if (code) assert.equal(body.error.code, code);
  }
  async function nothingWritten(fn: () => Promise<void>) {
    const before = { images: await imageCount(), alts: await altCount(), files: filesIn(path.join(ctx.dataDir, 'media')).sort() };
    await fn();
    assert.equal(await imageCount(), before.images, 'no image row');
    assert.equal(await altCount(), before.alts, 'no alt row');
    assert.deepEqual(filesIn(path.join(ctx.dataDir, 'media')).sort(), before.files, 'no file written');
  }
  const post = (productId: number, body: { payload: Buffer; headers: Record<string, string> }, auth = owner) =>
    app.inject({ method: 'POST', url: `/api/admin/products/${productId}/images`, headers: { ...auth, ...body.headers }, payload: body.payload });

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    owner = await adminAuth(ctx, 'owner');
    warehouse = await adminAuth(ctx, 'warehouse');
    ctx.events.on('catalog.products_changed', (p) => void changed.push(p.productIds));
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('stores an uploaded PNG with alt texts: 201, rows, original on disk named by its content, event published', async () => {
    const product = await makeProduct(ctx);
    const png = await makeImage('png', 1000, 600);
    changed.length = 0;
    const res = await post(product.id, upload(png, { 'alt.en': '  A red <b>bottle</b>  ', 'alt.id': 'Botol merah' }));
    assert.equal(res.statusCode, 201, res.body);
    const image = res.json();
    assert.match(image.storage_key, /^[a-f0-9]{32}$/);
    assert.equal(image.width, 1000);
    assert.equal(image.height, 600);
    assert.equal(image.position, 0);
    assert.deepEqual(image.alt, { en: 'A red <b>bottle</b>', id: 'Botol merah' });
    assert.equal(image.url, `/media/products/${image.storage_key}/800.jpeg`);
    const file = path.join(originals(), `${image.storage_key}.png`);
    assert.ok(fs.existsSync(file));
    const stored = fs.readFileSync(file);
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(stored).digest('hex').slice(0, 32), image.storage_key);
    assert.deepEqual(changed, [[product.id]]);
    const rows = await ctx.db.kysely.selectFrom('product_images').selectAll().where('product_id', '=', product.id).execute();
    assert.equal(rows.length, 1);

    const list = await app.inject({ url: `/api/admin/products/${product.id}/images`, headers: warehouse });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((i: any) => i.id), [image.id]);
  });

  it('auto-rotates a JPEG by its EXIF orientation and strips its metadata', async () => {
    const product = await makeProduct(ctx);
    const jpeg = await sharp(await makeImage('png', 400, 200)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    assert.equal((await sharp(jpeg).metadata()).orientation, 6);
    const res = await post(product.id, upload(jpeg, {}, 'p.jpg', 'image/jpeg'));
    assert.equal(res.statusCode, 201, res.body);
    const image = res.json();
    assert.deepEqual([image.width, image.height], [200, 400]);
    const meta = await sharp(path.join(originals(), `${image.storage_key}.jpg`)).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined);
    assert.ok(!meta.orientation || meta.orientation === 1);
  });

  it('accepts WebP, AVIF and GIF by their content, whatever the client says the type is', async () => {
    const product = await makeProduct(ctx);
    for (const [format, ext] of [['webp', 'webp'], ['avif', 'jpg'], ['gif', 'png']] as const) {
      const res = await post(product.id, upload(await makeImage(format, 300, 300), {}, 'x.bin', 'application/octet-stream'));
      assert.equal(res.statusCode, 201, `${format}: ${res.body}`);
      assert.ok(fs.existsSync(path.join(originals(), `${res.json().storage_key}.${ext}`)), format);
    }
    const list = (await app.inject({ url: `/api/admin/products/${product.id}/images`, headers: owner })).json().items;
    assert.deepEqual(list.map((i: any) => i.position), [0, 1, 2]);
  });

  it('refuses files that are not images (text named .png, SVG, truncated PNG, empty) with 400, writing nothing', async () => {
    const product = await makeProduct(ctx);
    const png = await makeImage('png', 300, 300);
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('this is not an image, just text pretending'), 'fake.png'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), 'x.svg'],
      [png.subarray(0, 60), 'truncated.png'],
      [Buffer.alloc(0), 'empty.png'],
      [Buffer.from("' OR 1=1 --"), 'sql.png'],
    ];
    for (const [bytes, name] of cases) {
      await nothingWritten(async () => {
        await refused(await post(product.id, upload(bytes, { 'alt.en': 'x' }, name, 'image/png')), 400);
      });
    }
    assert.deepEqual(filesIn(originals()).filter((f) => f.endsWith('.tmp')), []);
  });

  it('refuses an upload over 15 MB and an image over 40 megapixels with 413, writing nothing', async () => {
    const product = await makeProduct(ctx);
    await nothingWritten(async () => {
      const big = Buffer.concat([await makeImage('png', 10, 10), Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 1)]);
      await refused(await post(product.id, upload(big)), 413, 'upload_too_large');
    });
    // 7000 × 6000 = 42 megapixels, a small file (one colour): refused from its header, before decoding.
    const huge = await sharp({ create: { width: 7000, height: 6000, channels: 3, background: '#123456' } }).png({ compressionLevel: 1 }).toBuffer();
    assert.ok(huge.length < MAX_UPLOAD_BYTES);
    await nothingWritten(async () => {
      await refused(await post(product.id, upload(huge)), 413, 'image_too_large');
    });
  });

  it('answers bad uploads with 4xx and writes nothing: unknown product, no file, unknown fields, bad alt, wrong variant, not multipart', async () => {
    const product = await makeProduct(ctx);
    const other = await makeProduct(ctx);
    const png = await makeImage('png', 200, 200);
    await nothingWritten(async () => {
      await refused(await post(999_999, upload(png)), 404, 'not_found');
      await refused(await app.inject({ method: 'POST', url: '/api/admin/products/abc/images', headers: { ...owner, ...upload(png).headers }, payload: upload(png).payload }), 400);
      await refused(await post(product.id, multipart([{ name: 'alt.en', value: 'no file' }])), 400);
      await refused(await post(product.id, upload(png, { colour: 'red' })), 400);
      await refused(await post(product.id, upload(png, { 'alt.xx': 'unknown locale' })), 400);
      await refused(await post(product.id, upload(png, { 'alt.en': 'x'.repeat(301) })), 400);
      await refused(await post(product.id, upload(png, { position: '-1' })), 400);
      await refused(await post(product.id, upload(png, { position: "1' OR 1=1 --" })), 400);
      await refused(await post(product.id, upload(png, { variant_id: String(other.variantId) })), 400, 'unknown_variant');
      await refused(await post(product.id, multipart([{ name: 'other', value: png, filename: 'a.png', contentType: 'image/png' }])), 400);
      await refused(
        await post(product.id, multipart([
          { name: 'file', value: png, filename: 'a.png', contentType: 'image/png' },
          { name: 'file', value: await makeImage('png', 20, 20), filename: 'b.png', contentType: 'image/png' },
        ])),
        413,
      );
      await refused(
        await app.inject({ method: 'POST', url: `/api/admin/products/${product.id}/images`, headers: owner, payload: { file: 'x' } }),
        415,
      );
    });
  });

  it('refuses the same picture twice with 409, keeping one row and its file', async () => {
    const product = await makeProduct(ctx);
    const png = await makeImage('png', 240, 240);
    const first = await post(product.id, upload(png));
    assert.equal(first.statusCode, 201);
    await nothingWritten(async () => {
      await refused(await post(product.id, upload(png)), 409, 'duplicate_image');
    });
    assert.ok(fs.existsSync(path.join(originals(), `${first.json().storage_key}.png`)));
  });

  it('needs an API key with catalog:write: 401 without, 403 for the warehouse role, nothing written', async () => {
    const product = await makeProduct(ctx);
    const png = await makeImage('png', 200, 200);
    await nothingWritten(async () => {
      await refused(await post(product.id, upload(png), {}), 401);
      await refused(await post(product.id, upload(png), warehouse), 403, 'forbidden');
    });
  });

  it('changes alt texts, position and variant; refuses bad changes writing nothing', async () => {
    const product = await makeProduct(ctx);
    const ids: number[] = [];
    for (let k = 0; k < 3; k++) ids.push((await post(product.id, upload(await makeImage('png', 200, 200), { 'alt.en': `Photo ${k}` }))).json().id);
    const url = (id: number) => `/api/admin/products/${product.id}/images/${id}`;

    const res = await app.inject({ method: 'PATCH', url: url(ids[2]!), headers: owner, payload: { alt: { en: '<script>alert(1)</script>', th: 'ภาพ' }, position: 0, variant_id: product.variantId } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().alt, { en: '<script>alert(1)</script>', th: 'ภาพ' });
    assert.equal(res.json().variant_id, product.variantId);
    const order = async () => (await app.inject({ url: `/api/admin/products/${product.id}/images`, headers: owner })).json().items.map((i: any) => i.id);
    assert.deepEqual(await order(), [ids[2], ids[0], ids[1]]);

    const removed = await app.inject({ method: 'PATCH', url: url(ids[2]!), headers: owner, payload: { alt: { th: null, en: '' } } });
    assert.deepEqual(removed.json().alt, {});

    const snapshot = async () => JSON.stringify([await order(), await ctx.db.kysely.selectFrom('product_image_translations').selectAll().orderBy('image_id').orderBy('locale').execute()]);
    const before = await snapshot();
    const bad: Array<[string, unknown, number]> = [
      [url(ids[0]!), { alt: { xx: 'unknown locale' } }, 400],
      [url(ids[0]!), { alt: { en: 'x'.repeat(301) } }, 400],
      [url(ids[0]!), { alt: { en: 5 } }, 400],
      [url(ids[0]!), { position: '1' }, 400],
      [url(ids[0]!), { position: -1 }, 400],
      [url(ids[0]!), { colour: 'red' }, 400],
      [url(ids[0]!), {}, 400],
      [url(ids[0]!), { variant_id: 999_999 }, 400],
      [url(999_999), { position: 1 }, 404],
      [`/api/admin/products/${product.id}/images/abc`, { position: 1 }, 400],
    ];
    for (const [u, payload, status] of bad) await refused(await app.inject({ method: 'PATCH', url: u, headers: owner, payload: payload as object }), status);
    await refused(await app.inject({ method: 'PATCH', url: url(ids[0]!), headers: warehouse, payload: { position: 2 } }), 403);
    assert.equal(await snapshot(), before);

    const reordered = await app.inject({ method: 'PUT', url: `/api/admin/products/${product.id}/images/order`, headers: owner, payload: { image_ids: [ids[0], ids[1], ids[2]] } });
    assert.equal(reordered.statusCode, 200, reordered.body);
    assert.deepEqual(await order(), ids);
    await refused(await app.inject({ method: 'PUT', url: `/api/admin/products/${product.id}/images/order`, headers: owner, payload: { image_ids: [ids[0], ids[0], ids[1]] } }), 400);
    assert.deepEqual(await order(), ids);
  });

  it('deletes a photo with its files and closes the gap in positions', async () => {
    const product = await makeProduct(ctx);
    const a = (await post(product.id, upload(await makeImage('png', 200, 200), { 'alt.en': 'a' }))).json();
    const b = (await post(product.id, upload(await makeImage('png', 200, 200)))).json();
    const warm = await app.inject({ url: `/media/products/${a.storage_key}/160.webp` });
    assert.equal(warm.statusCode, 200);
    await refused(await app.inject({ method: 'DELETE', url: `/api/admin/products/${product.id}/images/${a.id}`, headers: warehouse }), 403);
    const res = await app.inject({ method: 'DELETE', url: `/api/admin/products/${product.id}/images/${a.id}`, headers: owner });
    assert.equal(res.statusCode, 204);
    assert.ok(!fs.existsSync(path.join(originals(), `${a.storage_key}.png`)));
    assert.ok(!fs.existsSync(path.join(ctx.dataDir, 'media', 'renditions', a.storage_key)));
    assert.equal((await app.inject({ url: `/media/products/${a.storage_key}/160.webp` })).statusCode, 404);
    const rest = await ctx.db.kysely.selectFrom('product_images').select(['id', 'position']).where('product_id', '=', product.id).execute();
    assert.deepEqual(rest.map((r) => [r.id, n(r.position)]), [[b.id, 0]]);
    assert.equal((await ctx.db.kysely.selectFrom('product_image_translations').select('image_id').where('image_id', '=', a.id).execute()).length, 0);
    await refused(await app.inject({ method: 'DELETE', url: `/api/admin/products/${product.id}/images/${a.id}`, headers: owner }), 404);
    // An image of another product is not reachable through this product.
    const other = await makeProduct(ctx);
    await refused(await app.inject({ method: 'DELETE', url: `/api/admin/products/${other.id}/images/${b.id}`, headers: owner }), 404);
  });

  it('storeProductImage can scale originals down and skip the event (bulk loads)', async () => {
    const product = await makeProduct(ctx);
    changed.length = 0;
    const stored = await storeProductImage(ctx, product.id, await makeImage('png', 1600, 1200), { maxSide: 800, publishEvents: false, alt: { en: 'x' } });
    assert.deepEqual([stored.width, stored.height], [800, 600]);
    assert.deepEqual(changed, []);
  });
});

describe('product photo back-office forms', () => {
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

  it('uploads through the multipart form (CSRF token in the query) and deletes through the url-encoded form', async () => {
    const product = await makeProduct(ctx);
    const browser = await adminBrowser(app, ctx, 'marketing');
    const csrf = await browser.csrf();
    const body = upload(await makeImage('png', 300, 200), { 'alt.en': 'Front' });
    const res = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: browser.cookie, ...body.headers }, payload: body.payload });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/admin/products/${product.id}?notice=image-added#images`);
    const rows = await ctx.db.kysely.selectFrom('product_images').select(['id']).where('product_id', '=', product.id).execute();
    assert.equal(rows.length, 1);

    const changed = await browser.post(`/admin/products/${product.id}/images/${rows[0]!.id}`, { 'alt.en': 'Front view', 'alt.th': '', position: '1' });
    assert.equal(changed.statusCode, 303, changed.body);
    const alt = await ctx.db.kysely.selectFrom('product_image_translations').select(['locale', 'alt']).where('image_id', '=', rows[0]!.id).execute();
    assert.deepEqual(alt, [{ locale: 'en', alt: 'Front view' }]);

    const del = await browser.post(`/admin/products/${product.id}/images/${rows[0]!.id}/delete`, {});
    assert.equal(del.statusCode, 303);
    assert.equal(del.headers.location, `/admin/products/${product.id}?notice=image-deleted#images`);
    assert.equal((await ctx.db.kysely.selectFrom('product_images').select('id').where('product_id', '=', product.id).execute()).length, 0);
  });

  it('refuses a form upload without the CSRF token, from a role without catalog:write, or of a non-image, writing nothing', async () => {
    const product = await makeProduct(ctx);
    const owner = await adminBrowser(app, ctx, 'owner');
    const support = await adminBrowser(app, ctx, 'support');
    const png = upload(await makeImage('png', 100, 100));
    const noToken = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images`, headers: { cookie: owner.cookie, ...png.headers }, payload: png.payload });
    assert.equal(noToken.statusCode, 403);
    const badToken = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images?_csrf=forged`, headers: { cookie: owner.cookie, ...png.headers }, payload: png.payload });
    assert.equal(badToken.statusCode, 403);
    const csrf = await support.csrf();
    const denied = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images?_csrf=${encodeURIComponent(csrf)}`, headers: { cookie: support.cookie, ...png.headers }, payload: png.payload });
    assert.equal(denied.statusCode, 403);
    const text = upload(Buffer.from('<script>alert(1)</script>'), {}, 'x.png');
    const ownerCsrf = await owner.csrf();
    const notImage = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images?_csrf=${encodeURIComponent(ownerCsrf)}`, headers: { cookie: owner.cookie, ...text.headers }, payload: text.payload });
    assert.equal(notImage.statusCode, 400);
    assert.match(notImage.body, /Photo not saved/);
    assert.doesNotMatch(notImage.body, /<script>alert/);
    const anonymous = await app.inject({ method: 'POST', url: `/admin/products/${product.id}/images`, headers: png.headers, payload: png.payload });
    assert.equal(anonymous.statusCode, 302);
    assert.equal((await ctx.db.kysely.selectFrom('product_images').select('id').execute()).length, 0);
    assert.ok(!fs.existsSync(path.join(ctx.dataDir, 'media', 'originals')) || fs.readdirSync(path.join(ctx.dataDir, 'media', 'originals')).length === 0);
  });
});

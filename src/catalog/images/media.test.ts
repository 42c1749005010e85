import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { storeProductImage } from './images.service.ts';
import { makeImage, makeProduct } from './test-fixtures.ts';

describe('photo renditions (/media/products/…)', () => {
  let ctx: TestContext;
  let app: App;
  let key: string;
  let smallKey: string;
  const renditions = () => path.join(ctx.dataDir, 'media', 'renditions');

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    const product = await makeProduct(ctx);
    key = (await storeProductImage(ctx, product.id, await makeImage('png', 1000, 500))).storage_key;
    smallKey = (await storeProductImage(ctx, product.id, await makeImage('jpeg', 200, 100))).storage_key;
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  it('serves every offered width in AVIF, WebP and JPEG, with the right type, size and long-lived cache headers', async () => {
    for (const format of ['avif', 'webp', 'jpeg'] as const) {
      for (const width of [160, 480]) {
        const res = await app.inject({ url: `/media/products/${key}/${width}.${format}` });
        assert.equal(res.statusCode, 200, `${width}.${format}`);
        assert.equal(res.headers['content-type'], `image/${format}`);
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.match(String(res.headers.etag), /^"[a-f0-9]{32}-\d+-[a-z]+-v\d+"$/);
        const meta = await sharp(res.rawPayload).metadata();
        assert.equal(meta.format === 'heif' ? 'avif' : meta.format, format);
        assert.equal(meta.width, width);
        assert.equal(meta.height, width / 2);
        assert.ok(fs.existsSync(path.join(renditions(), key, `${width}.${format}`)));
      }
    }
  });

  it('never enlarges: a width above the original gives the original size', async () => {
    const res = await app.inject({ url: `/media/products/${smallKey}/800.webp` });
    assert.equal(res.statusCode, 200);
    const meta = await sharp(res.rawPayload).metadata();
    assert.deepEqual([meta.width, meta.height], [200, 100]);
  });

  it('answers a matching If-None-Match with 304 and serves HEAD', async () => {
    const first = await app.inject({ url: `/media/products/${key}/320.jpeg` });
    const again = await app.inject({ url: `/media/products/${key}/320.jpeg`, headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    const head = await app.inject({ method: 'HEAD', url: `/media/products/${key}/320.jpeg` });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-type'], 'image/jpeg');
  });

  it('answers 404 for unknown keys, widths and formats, and for path tricks, writing no file', async () => {
    const before = fs.readdirSync(path.join(ctx.dataDir, 'media'), { recursive: true }).map(String).sort();
    const urls = [
      `/media/products/${'0'.repeat(32)}/160.jpeg`, // well-formed, unknown
      `/media/products/${key.toUpperCase()}/160.jpeg`,
      `/media/products/${key.slice(0, 31)}/160.jpeg`,
      `/media/products/${key}x/160.jpeg`,
      `/media/products/${key}/100.jpeg`,
      `/media/products/${key}/161.jpeg`,
      `/media/products/${key}/0160.jpeg`,
      `/media/products/${key}/99999.jpeg`,
      `/media/products/${key}/160.png`,
      `/media/products/${key}/160.gif`,
      `/media/products/${key}/160.JPEG`,
      `/media/products/${key}/160.jpg`,
      `/media/products/${key}/160`,
      `/media/products/${key}/160.jpeg.tmp`,
      `/media/products/${key}/160.jpeg%00.png`,
      `/media/products/..%2F..%2F..%2Fetc%2Fpasswd/160.jpeg`,
      `/media/products/${key}/..%2F..%2Foriginals%2F${key}.png`,
      `/media/products/%2e%2e/160.jpeg`,
      `/media/products/..%5C..%5Cwin.ini/160.jpeg`,
      `/media/products/${key}/%2e%2e%2f160.jpeg`,
      `/media/products/'%20OR%201=1%20--/160.jpeg`,
      `/media/products/<script>/160.jpeg`,
    ];
    for (const url of urls) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.notEqual(res.headers['content-type'], 'image/jpeg', url);
    }
    // Literal ../ segments are resolved by the router before matching: they never reach the handler as a key.
    const dotted = await app.inject({ url: `/media/products/../../../../etc/passwd` });
    assert.equal(dotted.statusCode, 404);
    assert.deepEqual(fs.readdirSync(path.join(ctx.dataDir, 'media'), { recursive: true }).map(String).sort(), before);
  });

  it('makes one correct file when many first requests for the same rendition arrive at once', async () => {
    const url = `/media/products/${key}/1200.avif`;
    const file = path.join(renditions(), key, '1200.avif');
    assert.ok(!fs.existsSync(file));
    const results = await Promise.all(Array.from({ length: 12 }, () => app.inject({ url })));
    for (const r of results) assert.equal(r.statusCode, 200);
    const bodies = new Set(results.map((r) => r.rawPayload.toString('base64')));
    assert.equal(bodies.size, 1, 'every response has the same bytes');
    assert.deepEqual(fs.readFileSync(file), results[0]!.rawPayload);
    const meta = await sharp(file).metadata();
    assert.equal(meta.width, 1000);
    assert.deepEqual(fs.readdirSync(path.join(renditions(), key)).filter((f) => f.endsWith('.tmp')), []);
  });

  it('writes files atomically: concurrent writers and readers only ever see a whole file (as two processes would)', async () => {
    const { writeFileAtomic } = await import('./image-files.ts');
    const file = path.join(ctx.dataDir, 'media', 'atomic-test', 'x.bin');
    const versions = Array.from({ length: 6 }, (_, k) => Buffer.alloc(256 * 1024, k + 1));
    const seen: number[] = [];
    let writing = true;
    const reader = async () => {
      while (writing) {
        try {
          const bytes = fs.readFileSync(file);
          assert.equal(bytes.length, 256 * 1024, 'never a partial file');
          assert.ok(bytes.every((b) => b === bytes[0]), 'never a mix of two writes');
          seen.push(bytes[0]!);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const writers = Promise.all(versions.map(async (v) => {
      for (let k = 0; k < 5; k++) await writeFileAtomic(file, v);
    })).finally(() => { writing = false; });
    await Promise.all([writers, reader(), reader()]);
    assert.ok(seen.length > 0);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['x.bin']);
  });
});

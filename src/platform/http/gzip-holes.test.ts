import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { acceptsGzip, compressSegments, gzipWithHoles } from './gzip-holes.ts';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('gzip with holes', () => {
  it('gunzips to the texts with the holes spliced in, whatever the holes hold', () => {
    const texts = ['<!doctype html><title>Kopi</title><form><input value="', '"></form><header>', '</header><p>กาแฟ ' + 'ราคาดี '.repeat(2000) + '</p>'].map(b);
    const segments = compressSegments(texts);
    for (const holes of [['token-1', '<a href="/cart">Cart (2)</a>'], ['', ''], ['x'.repeat(70_000), 'ñ'.repeat(40_000)]]) {
      const gz = gzipWithHoles(segments, holes.map(b));
      const expected = texts[0] + holes[0]! + texts[1] + holes[1]! + texts[2];
      assert.equal(zlib.gunzipSync(gz).toString('utf8'), expected);
      assert.equal(gz.readUInt32LE(gz.length - 4), Buffer.byteLength(expected), 'ISIZE');
    }
  });

  it('makes the page much smaller than it is', () => {
    const texts = [b('<main>' + '<li class="product-card">Kopi Toraja 250 g</li>'.repeat(300)), b('</main>')];
    const gz = gzipWithHoles(compressSegments(texts), [b('csrf-token-value')]);
    assert.ok(gz.length * 5 < texts[0]!.length, `${gz.length} bytes for ${texts[0]!.length}`);
  });

  it('reads Accept-Encoding as browsers and proxies send it', () => {
    assert.equal(acceptsGzip('gzip, deflate, br, zstd'), true);
    assert.equal(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1'), true);
    assert.equal(acceptsGzip('*'), true);
    assert.equal(acceptsGzip('gzip;q=0'), false);
    assert.equal(acceptsGzip('*;q=0.5, gzip;q=0'), false);
    assert.equal(acceptsGzip('br, deflate'), false);
    assert.equal(acceptsGzip('identity'), false);
    assert.equal(acceptsGzip(undefined), false);
    assert.equal(acceptsGzip(''), false);
  });
});

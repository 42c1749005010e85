import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decimalPrice, formatPrice } from './format.ts';
import { parseListingQuery } from './listing-query.ts';
import { jsonLdText } from './json-ld.ts';

describe('storefront formatting', () => {
  it('formats prices with Intl in the locale, IDR without decimals', () => {
    assert.doesNotMatch(formatPrice(132000, 'IDR', 'id'), /,\d+$/, 'no decimal part');
    assert.match(formatPrice(132000, 'IDR', 'id'), /^Rp\s?132\.000$/);
    assert.equal(formatPrice(799, 'USD', 'en'), '$7.99');
    assert.match(formatPrice(29700, 'THB', 'th'), /฿/);
  });

  it('writes schema.org prices as decimal strings from minor units', () => {
    assert.equal(decimalPrice(799, 'USD'), '7.99');
    assert.equal(decimalPrice(132000, 'IDR'), '132000');
    assert.equal(decimalPrice(5, 'THB'), '0.05');
  });

  it('escapes "<" in JSON-LD', () => {
    assert.equal(jsonLdText({ a: '</script>' }), '{"a":"\\u003c/script>"}');
  });

  it('reads listing query strings leniently', () => {
    const q = parseListingQuery({ q: '  kopi ', sort: 'bogus', page: '-3', price: '1000..5000', 'attr.grape': ['merlot,shiraz', 'malbec'], min_rating: '9', in_stock: 'true', 'attr.BAD KEY': 'x' });
    assert.equal(q.q, 'kopi');
    assert.equal(q.sort, undefined);
    assert.equal(q.page, 1);
    assert.equal(q.min_price, 1000);
    assert.equal(q.max_price, 5000);
    assert.deepEqual(q.attributes, { grape: ['merlot', 'shiraz', 'malbec'] });
    assert.equal(q.min_rating, undefined);
    assert.equal(q.in_stock, true);
    assert.equal(parseListingQuery({ q: 'x'.repeat(1000) }).q!.length, 200);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { seedShippingAndTax } from '../seed/demo/shipping.ts';
import { bandPrice, quoteShipping, trackingUrl, zoneScore } from './index.ts';

// Tuesday 1 December 2026, 10:00 in Jakarta (before the 14:00 cut-off).
const NOW = new Date('2026-12-01T03:00:00Z');

describe('shipping quotes', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    await seedShippingAndTax(ctx);
  });
  after(() => ctx.close());

  const quote = (destination: { country: string; region?: string; postal_code?: string }, weightGrams: number, amount: number, currency = 'IDR') =>
    quoteShipping(ctx, { destination, weightGrams, subtotal: { amount, currency }, locale: 'id', now: NOW });

  it('scores zones by postal prefix, then region, then country', () => {
    const zone = (z: Partial<{ countries: string; regions: string | null; postal_prefixes: string | null }>) => ({ countries: 'ID', regions: null, postal_prefixes: null, ...z });
    assert.equal(zoneScore(zone({ postal_prefixes: '12,13' }), { country: 'ID', postal_code: '12190' }), 3);
    assert.equal(zoneScore(zone({ postal_prefixes: '12,13' }), { country: 'ID', postal_code: '40115' }), 0);
    assert.equal(zoneScore(zone({ regions: 'Jawa Barat' }), { country: 'ID', region: 'jawa barat' }), 2);
    assert.equal(zoneScore(zone({}), { country: 'ID' }), 1);
    assert.equal(zoneScore(zone({}), { country: 'TH' }), 0);
  });

  it('picks the band a measure falls in', () => {
    const bands = [{ up_to: 1000, price: 10 }, { up_to: null, price: 30 }, { up_to: 3000, price: 20 }];
    assert.deepEqual([bandPrice(bands, 0), bandPrice(bands, 1000), bandPrice(bands, 1001), bandPrice(bands, 99_999)], [10, 10, 20, 30]);
    assert.equal(bandPrice([{ up_to: 1000, price: 10 }], 2000), null);
  });

  it('offers the Jakarta methods in Jakarta, cheapest first, with delivery dates from the calendar', async () => {
    const options = await quote({ country: 'ID', region: 'DKI Jakarta', postal_code: '12190' }, 800, 100_000);
    assert.deepEqual(options.map((o) => [o.id, o.price]), [['jkt-regular', 10_000], ['jkt-sameday', 25_000]]);
    const regular = options[0]!;
    assert.equal(regular.name, 'JNE Reguler');
    // Ships Wednesday 2nd (1 processing day), arrives 1–2 delivery days later.
    assert.deepEqual(regular.delivery, { earliest: '2026-12-03', latest: '2026-12-04' });
  });

  it('uses weight bands, free delivery above the threshold, and refuses parcels over the last band', async () => {
    const heavy = await quote({ country: 'ID', region: 'Jawa Barat', postal_code: '40115' }, 2500, 100_000);
    assert.deepEqual(heavy.map((o) => [o.id, o.price]), [['java-regular', 26_000]]);
    const free = await quote({ country: 'ID', region: 'Jawa Barat', postal_code: '40115' }, 2500, 750_000);
    assert.equal(free[0]!.price, 0);
    const tooHeavy = await quote({ country: 'ID', region: 'Papua', postal_code: '99111' }, 40_000, 100_000);
    assert.deepEqual(tooHeavy, []);
  });

  it('prices by subtotal in the cart currency and offers nothing in a currency a method does not take', async () => {
    assert.equal((await quote({ country: 'TH', postal_code: '10110' }, 500, 50_000, 'THB'))[0]!.price, 25_000);
    assert.equal((await quote({ country: 'TH', postal_code: '10110' }, 500, 150_000, 'THB'))[0]!.price, 15_000);
    assert.deepEqual(await quote({ country: 'TH', postal_code: '10110' }, 500, 150_000, 'IDR'), []);
    assert.deepEqual(await quote({ country: 'FR', postal_code: '75001' }, 500, 150_000, 'EUR'), []);
  });

  it('builds tracking links from the carrier template', async () => {
    const jne = await ctx.db.kysely.selectFrom('shipping_carriers').select('id').where('code', '=', 'jne').executeTakeFirstOrThrow();
    assert.equal(await trackingUrl(ctx, jne.id, 'CGK 123/45'), 'https://www.jne.co.id/tracking-package?awb=CGK%20123%2F45');
  });
});

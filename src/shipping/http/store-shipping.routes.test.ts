import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';
import { addShippingSetup, defaultDestination } from '../index.ts';

describe('shipping estimate (store API) and default destination', () => {
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

  const estimate = (query: string) => app.inject({ url: `/api/store/shipping/estimate?${query}` });
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;

  it('answers an empty list and no destination while the shop has no zones', async () => {
    assert.equal(await defaultDestination(ctx), null);
    const res = await estimate('subtotal=1000&currency=IDR');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { destination: null, options: [] });
  });

  it('quotes the most specific zone for an address, cheapest first, with ISO dates', async () => {
    await seedShippingAndTax(ctx);
    const jakarta = await estimate('country=ID&region=DKI%20Jakarta&postal_code=12190&weight_grams=800&subtotal=100000&currency=IDR&locale=id');
    assert.equal(jakarta.statusCode, 200);
    const body = jakarta.json();
    assert.deepEqual(body.destination, { country: 'ID', region: 'DKI Jakarta', postal_code: '12190' });
    assert.deepEqual(body.options.map((o: { id: string; name: string; carrier: string; price: number }) => [o.id, o.name, o.carrier, o.price]), [
      ['jkt-regular', 'JNE Reguler', 'JNE', 10_000],
      ['jkt-sameday', 'Kurir sehari sampai', 'SiCepat', 25_000],
    ]);
    for (const o of body.options) {
      assert.match(o.delivery.earliest, isoDate);
      assert.ok(o.delivery.earliest <= o.delivery.latest);
      assert.equal(o.currency, 'IDR');
    }
    // Region beats country: Bandung is in the Java zone, Makassar in the rest of Indonesia.
    const bandung = (await estimate('country=ID&region=Jawa%20Barat&postal_code=40115&weight_grams=800&subtotal=100000&currency=IDR')).json();
    assert.deepEqual(bandung.options.map((o: { id: string }) => o.id), ['java-regular']);
    const makassar = (await estimate('country=ID&region=Sulawesi%20Selatan&postal_code=90111&weight_grams=800&subtotal=100000&currency=IDR')).json();
    assert.deepEqual(makassar.options.map((o: { id: string; price: number }) => [o.id, o.price]), [['id-regular', 28_000]]);
  });

  it('picks a sensible destination before the shopper has said where they live', async () => {
    assert.deepEqual(await defaultDestination(ctx), { country: 'ID' });
    assert.deepEqual(await defaultDestination(ctx, 'TH'), { country: 'TH' });
    assert.deepEqual(await defaultDestination(ctx, 'FR'), { country: 'ID' }, 'a country the shop does not serve falls back to home');
    const res = (await estimate('weight_grams=500&subtotal=100000&currency=IDR')).json();
    assert.deepEqual(res.destination, { country: 'ID', region: null, postal_code: null });
    assert.deepEqual(res.options.map((o: { id: string }) => o.id), ['id-regular']);
    // A country served only by narrowed zones gets a destination inside the first of them.
    await addShippingSetup(ctx, {
      carriers: [],
      zones: [{ code: 'kl', name: 'Klang Valley', countries: ['MY'], postal_prefixes: ['50', '47'] }, { code: 'penang', name: 'Penang', countries: ['MY'], regions: ['Pulau Pinang'] }],
      methods: [{ code: 'kl-std', zone: 'kl', names: { en: 'Standard' }, rate_type: 'flat', rates: { MYR: [{ up_to: null, price: 800 }] }, transit: { min: 1, max: 2 } }],
    });
    assert.deepEqual(await defaultDestination(ctx, 'MY'), { country: 'MY', postal_code: '50' });
  });

  it('offers nothing in a currency no method takes, and nothing where the shop does not deliver', async () => {
    assert.deepEqual((await estimate('country=TH&subtotal=100000&currency=EUR')).json().options, []);
    assert.deepEqual((await estimate('country=FR&subtotal=100000&currency=EUR')).json().options, []);
  });

  it('refuses bad input with the error shape', async () => {
    const before = JSON.stringify(await ctx.db.kysely.selectFrom('shipping_zones').selectAll().orderBy('id').execute());
    const bad = [
      'country=ID&currency=IDR',
      'country=ID&subtotal=100&currency=idr',
      'country=ID&subtotal=-1&currency=IDR',
      'country=ID&subtotal=1.5&currency=IDR',
      'country=ID&subtotal=abc&currency=IDR',
      'country=ID&subtotal=100&currency=IDR&weight_grams=-5',
      'country=Indonesia&subtotal=100&currency=IDR',
      `country=ID&subtotal=100&currency=IDR&region=${encodeURIComponent('<script>alert(1)</script>')}`,
      `country=ID&subtotal=100&currency=IDR&postal_code=${encodeURIComponent("' OR 1=1 --")}`,
      `country=ID&subtotal=100&currency=IDR&region=${'x'.repeat(101)}`,
      'region=Bali&subtotal=100&currency=IDR',
      'country=ID&subtotal=100&currency=IDR&admin=1',
    ];
    for (const query of bad) {
      const res = await estimate(query);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      assert.equal(typeof res.json().error.code, 'string');
      assert.equal(typeof res.json().error.message, 'string');
    }
    assert.equal(JSON.stringify(await ctx.db.kysely.selectFrom('shipping_zones').selectAll().orderBy('id').execute()), before);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';
import { quoteShipping } from '../index.ts';

// Tuesday 1 December 2026, 10:00 in Jakarta (before the 14:00 cut-off).
const NOW = new Date('2026-12-01T03:00:00Z');

describe('shipping admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let manager: Record<string, string>;
  let support: Record<string, string>;
  let marketing: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    await seedShippingAndTax(ctx);
    [owner, manager, support, marketing] = await Promise.all([adminAuth(ctx, 'owner'), adminAuth(ctx, 'manager'), adminAuth(ctx, 'support'), adminAuth(ctx, 'marketing')]);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = owner) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const snapshot = async () => JSON.stringify(await Promise.all(
    (['shipping_carriers', 'shipping_zones', 'shipping_methods', 'shipping_calendar'] as const).map((t) => ctx.db.kysely.selectFrom(t).selectAll().orderBy('id').execute()),
  ));
  const bandung = { country: 'ID', region: 'Jawa Barat', postal_code: '40115' };
  const quote = (destination: typeof bandung, weightGrams = 500, amount = 100_000) =>
    quoteShipping(ctx, { destination, weightGrams, subtotal: { amount, currency: 'IDR' }, locale: 'en', now: NOW });

  it('lists the demo set-up', async () => {
    const carriers = (await call('GET', '/api/admin/shipping/carriers')).json().items;
    assert.deepEqual(carriers.map((c: { code: string }) => c.code).sort(), ['dhl', 'jne', 'jnt', 'kerry', 'lbc', 'sicepat']);
    const zones = (await call('GET', '/api/admin/shipping/zones')).json().items;
    assert.deepEqual(zones[0], { id: zones[0].id, code: 'jabodetabek', name: 'Jabodetabek', countries: ['ID'], regions: [], postal_prefixes: ['10', '11', '12', '13', '14', '15', '16', '17'] });
    const methods = (await call('GET', '/api/admin/shipping/methods?zone=jabodetabek')).json().items;
    assert.deepEqual(methods.map((m: { code: string }) => m.code), ['jkt-sameday', 'jkt-regular']);
    const regular = (await call('GET', '/api/admin/shipping/methods/jkt-regular')).json();
    assert.equal(regular.carrier, 'jne');
    assert.deepEqual(regular.free_above, { IDR: 500_000 });
    assert.deepEqual(regular.transit, { min: 1, max: 2 });
    assert.equal(regular.active, true);
    const calendar = (await call('GET', '/api/admin/shipping/calendar')).json();
    assert.equal(calendar.time_zone, 'Asia/Jakarta');
    assert.ok(calendar.holidays.includes('2027-08-17'));
  });

  it('creates a carrier, a narrower zone and a method that quotes take at once', async () => {
    const carrier = await call('POST', '/api/admin/shipping/carriers', { code: 'anteraja', name: 'AnterAja', tracking_url_template: 'https://anteraja.id/tracking/{tracking}' }, manager);
    assert.equal(carrier.statusCode, 201);
    assert.equal(carrier.json().code, 'anteraja');
    const zone = await call('POST', '/api/admin/shipping/zones', { code: 'bandung', name: 'Bandung', countries: ['ID'], postal_prefixes: ['40'] });
    assert.equal(zone.statusCode, 201);
    assert.deepEqual(zone.json().postal_prefixes, ['40']);
    const method = await call('POST', '/api/admin/shipping/methods', {
      code: 'bdg-express', zone: 'bandung', carrier: 'anteraja', names: { en: 'AnterAja Next Day', id: 'AnterAja Besok Sampai' },
      rate_type: 'weight_bands', rates: { IDR: [{ up_to: null, price: 30_000 }, { up_to: 1000, price: 12_000 }] }, free_above: { IDR: 400_000 }, transit: { min: 1, max: 1 },
    });
    assert.equal(method.statusCode, 201);
    // Bands come back sorted, the defaults filled in.
    assert.deepEqual(method.json().rates, { IDR: [{ up_to: 1000, price: 12_000 }, { up_to: null, price: 30_000 }] });
    assert.deepEqual([method.json().delivery_days, method.json().active], [[1, 2, 3, 4, 5, 6], true]);
    // The postal-prefix zone now beats the Java region zone for Bandung.
    assert.deepEqual((await quote(bandung)).map((o) => [o.id, o.price, o.carrier_name]), [['bdg-express', 12_000, 'AnterAja']]);
    assert.deepEqual((await quote(bandung, 500, 400_000)).map((o) => o.price), [0]);
  });

  it('replaces and deactivates a method; deleting what is in use is refused', async () => {
    const body = {
      zone: 'bandung', carrier: 'anteraja', names: { en: 'AnterAja Flat' }, rate_type: 'flat', rates: { IDR: [{ up_to: null, price: 9_000 }] },
      transit: { min: 2, max: 3 }, delivery_days: [1, 2, 3, 4, 5],
    };
    const replaced = await call('PUT', '/api/admin/shipping/methods/bdg-express', body);
    assert.equal(replaced.statusCode, 200);
    assert.equal(replaced.json().free_above, null);
    assert.deepEqual((await quote(bandung, 5000)).map((o) => [o.name, o.price, o.delivery.earliest]), [['AnterAja Flat', 9_000, '2026-12-04']]);

    const inUse = await call('DELETE', '/api/admin/shipping/zones/bandung');
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().error.code, 'zone_in_use');
    assert.equal((await call('DELETE', '/api/admin/shipping/carriers/anteraja')).json().error.code, 'carrier_in_use');

    await call('PUT', '/api/admin/shipping/methods/bdg-express', { ...body, active: false });
    // An inactive method leaves the zone empty: Bandung gets no option rather than the Java ones.
    assert.deepEqual(await quote(bandung), []);
    assert.equal((await call('DELETE', '/api/admin/shipping/methods/bdg-express')).statusCode, 204);
    assert.equal((await call('DELETE', '/api/admin/shipping/zones/bandung')).statusCode, 204);
    assert.equal((await call('DELETE', '/api/admin/shipping/carriers/anteraja')).statusCode, 204);
    assert.deepEqual((await quote(bandung)).map((o) => o.id), ['java-regular']);
  });

  it('dates deliveries from the calendar staff set', async () => {
    const before = (await quote(bandung))[0]!.delivery;
    assert.deepEqual(before, { earliest: '2026-12-04', latest: '2026-12-05' });
    const current = (await call('GET', '/api/admin/shipping/calendar')).json();
    const put = await call('PUT', '/api/admin/shipping/calendar', { ...current, processing_days: 0 });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().processing_days, 0);
    // Ships the same day (Tuesday 1st): 2–3 delivery days land on Thu 3rd – Fri 4th.
    assert.deepEqual((await quote(bandung))[0]!.delivery, { earliest: '2026-12-03', latest: '2026-12-04' });
    // With Thursday 3rd a holiday, they land on Fri 4th – Sat 5th.
    await call('PUT', '/api/admin/shipping/calendar', { ...current, processing_days: 0, holidays: ['2026-12-03', ...current.holidays] });
    assert.deepEqual((await quote(bandung))[0]!.delivery, { earliest: '2026-12-04', latest: '2026-12-05' });
    await call('PUT', '/api/admin/shipping/calendar', { ...current, cutoff: '09:00' });
    // After a 09:00 cut-off, processing starts Wednesday, ships Thursday, arrives Sat 5th – Mon 7th.
    assert.deepEqual((await quote(bandung))[0]!.delivery, { earliest: '2026-12-05', latest: '2026-12-07' });
    await call('PUT', '/api/admin/shipping/calendar', current);
    assert.deepEqual((await quote(bandung))[0]!.delivery, before);
  });

  it('lets support and warehouse read, only owner and manager write', async () => {
    assert.equal((await call('GET', '/api/admin/shipping/methods', undefined, support)).statusCode, 200);
    const denied = await call('POST', '/api/admin/shipping/carriers', { code: 'x', name: 'X' }, support);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'forbidden');
    assert.equal((await call('GET', '/api/admin/shipping/zones', undefined, marketing)).statusCode, 403);
    assert.equal((await call('PUT', '/api/admin/shipping/calendar', { time_zone: 'UTC', cutoff: '10:00', processing_days: 0, working_days: [1], holidays: [] }, marketing)).statusCode, 403);
    assert.equal((await call('GET', '/api/admin/shipping/calendar', undefined, {})).statusCode, 401);
    assert.equal((await ctx.db.kysely.selectFrom('shipping_carriers').select('id').where('code', '=', 'x').execute()).length, 0);
  });

  it('refuses bad input with the error shape and writes nothing', async () => {
    const before = await snapshot();
    const method = { code: 'new-method', zone: 'java', names: { en: 'New' }, rate_type: 'weight_bands', rates: { IDR: [{ up_to: 1000, price: 10_000 }] }, transit: { min: 1, max: 2 } };
    const zone = { code: 'new-zone', name: 'New', countries: ['ID'] };
    const calendar = { time_zone: 'Asia/Jakarta', cutoff: '14:00', processing_days: 1, working_days: [1, 2, 3, 4, 5], holidays: [] };
    const cases: Array<[string, string, unknown, number, string?]> = [
      // carriers
      ['POST', '/api/admin/shipping/carriers', { code: 'jne', name: 'JNE again' }, 409, 'code_taken'],
      ['POST', '/api/admin/shipping/carriers', { code: "x' OR 1=1 --", name: 'X' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: '<script>alert(1)</script>', name: 'X' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x', name: 'X', tracking_url_template: 'https://t.example/' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x', name: 'X', tracking_url_template: 'javascript:alert({tracking})' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x', name: 'X', tracking_url_template: 'not a url {tracking}' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x', name: 'x'.repeat(101) }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x' }, 400],
      ['POST', '/api/admin/shipping/carriers', { code: 'x', name: 'X', admin: true }, 400],
      ['PUT', '/api/admin/shipping/carriers/nobody', { name: 'X' }, 404],
      ['PUT', '/api/admin/shipping/carriers/jne', { name: 7 }, 400],
      ['DELETE', '/api/admin/shipping/carriers/nobody', undefined, 404],
      ['DELETE', `/api/admin/shipping/carriers/${encodeURIComponent("' OR 1=1 --")}`, undefined, 400],
      // zones
      ['POST', '/api/admin/shipping/zones', { ...zone, code: 'java' }, 409, 'code_taken'],
      ['POST', '/api/admin/shipping/zones', { ...zone, countries: [] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, countries: ['id'] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, countries: ['ID', 'ID'] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, countries: ['ID', 'TH'], regions: ['Bali'] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, regions: ['Bali,Papua'] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, regions: ['<script>'] }, 400],
      ['POST', '/api/admin/shipping/zones', { ...zone, postal_prefixes: ["1' OR 1=1 --"] }, 400],
      ['PUT', '/api/admin/shipping/zones/nowhere', { name: 'X', countries: ['ID'] }, 404],
      ['DELETE', '/api/admin/shipping/zones/nowhere', undefined, 404],
      // methods
      ['POST', '/api/admin/shipping/methods', { ...method, code: 'jkt-regular' }, 409, 'code_taken'],
      ['POST', '/api/admin/shipping/methods', { ...method, zone: 'nowhere' }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, carrier: 'nobody' }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rate_type: 'per_item' }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: {} }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { idr: [{ up_to: null, price: 1 }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [{ up_to: 1000, price: 1.5 }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [{ up_to: 1000, price: -1 }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [{ up_to: 1000, price: '10000' }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [{ up_to: 1000, price: 1 }, { up_to: 1000, price: 2 }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rates: { IDR: [{ up_to: null, price: 1 }, { up_to: null, price: 2 }] } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, rate_type: 'flat' }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, free_above: { THB: 100 } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, transit: { min: 3, max: 1 } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, delivery_days: [0] }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, delivery_days: [1, 1] }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, names: {} }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, names: { '<script>': 'x' } }, 400],
      ['POST', '/api/admin/shipping/methods', { ...method, active: 'yes' }, 400],
      ['PUT', '/api/admin/shipping/methods/no-such', { ...method, code: undefined }, 404],
      ['PUT', '/api/admin/shipping/methods/jkt-regular', method, 400],
      ['GET', '/api/admin/shipping/methods/no-such', undefined, 404],
      ['GET', '/api/admin/shipping/methods?zone=%3Cscript%3E', undefined, 400],
      ['DELETE', '/api/admin/shipping/methods/no-such', undefined, 404],
      // calendar
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, time_zone: 'Mars/Olympus' }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, cutoff: '25:00' }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, processing_days: -1 }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, working_days: [] }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, working_days: [8] }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, holidays: ['2026-02-30'] }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, holidays: ["' OR 1=1 --"] }, 400],
      ['PUT', '/api/admin/shipping/calendar', { ...calendar, extra: 1 }, 400],
    ];
    for (const [verb, url, body, status, code] of cases) {
      const res = await call(verb as 'GET', url, body);
      assert.equal(res.statusCode, status, `${verb} ${url} ${JSON.stringify(body)}: ${res.body}`);
      const error = res.json().error;
      assert.equal(typeof error?.code, 'string', `${verb} ${url}: error shape`);
      assert.equal(typeof error.message, 'string');
      if (code) assert.equal(error.code, code);
    }
    assert.equal(await snapshot(), before);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { App } from '../../platform/http/app.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';
import { computeTax } from '../index.ts';

describe('tax admin API', () => {
  let ctx: TestContext;
  let app: App;
  let owner: Record<string, string>;
  let manager: Record<string, string>;
  let warehouse: Record<string, string>;
  let marketing: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    app = await createTestApp(ctx);
    await seedShippingAndTax(ctx);
    [owner, manager, warehouse, marketing] = await Promise.all([adminAuth(ctx, 'owner'), adminAuth(ctx, 'manager'), adminAuth(ctx, 'warehouse'), adminAuth(ctx, 'marketing')]);
  });
  after(async () => {
    await app.close();
    await ctx.close();
  });

  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = owner) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const snapshot = async () => JSON.stringify(await Promise.all([
    ctx.db.kysely.selectFrom('tax_countries').selectAll().orderBy('country').execute(),
    ctx.db.kysely.selectFrom('tax_rates').selectAll().orderBy('country').orderBy('region').orderBy('tax_class').execute(),
  ]));
  const line = (amount: number, tax_class = 'standard') => ({ id: 1, tax_class, amount });

  it('lists the demo taxes: ID 11%, TH 7%, PH 12%, MX 16%, all included in shelf prices', async () => {
    const res = await call('GET', '/api/admin/tax/countries', undefined, warehouse);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items.map((c: { country: string; label: string; prices_include_tax: boolean; rates: Array<{ rate_bp: number }> }) => [c.country, c.label, c.prices_include_tax, c.rates[0]!.rate_bp]), [
      ['ID', 'PPN', true, 1100], ['MX', 'IVA', true, 1600], ['PH', 'VAT', true, 1200], ['TH', 'VAT', true, 700],
    ]);
    assert.deepEqual((await call('GET', '/api/admin/tax/countries/ID')).json().rates, [{ region: null, tax_class: 'standard', rate_bp: 1100 }]);
  });

  it('sets a country with classes and a regional rate, and computeTax follows', async () => {
    const res = await call('PUT', '/api/admin/tax/countries/MX', {
      label: 'IVA', prices_include_tax: true,
      rates: [{ tax_class: 'standard', rate_bp: 1600 }, { tax_class: 'zero', rate_bp: 0 }, { tax_class: 'standard', region: 'Baja California', rate_bp: 800 }],
    }, manager);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().rates, [
      { region: null, tax_class: 'standard', rate_bp: 1600 },
      { region: null, tax_class: 'zero', rate_bp: 0 },
      { region: 'Baja California', tax_class: 'standard', rate_bp: 800 },
    ]);
    // MXN 116.00 incl. 16% holds 16.00; in the border region 8%: 108.00 holds 8.00.
    assert.equal((await computeTax(ctx, { country: 'MX', region: 'Jalisco', lines: [line(11_600)] })).total_tax, 1_600);
    assert.equal((await computeTax(ctx, { country: 'MX', region: 'Baja California', lines: [line(10_800)] })).total_tax, 800);
    assert.equal((await computeTax(ctx, { country: 'MX', lines: [line(10_800, 'zero')] })).total_tax, 0);

    // A country where prices exclude tax gets it added.
    const us = await call('PUT', '/api/admin/tax/countries/US', { label: 'Sales tax', prices_include_tax: false, rates: [{ tax_class: 'standard', rate_bp: 725 }] });
    assert.equal(us.statusCode, 200);
    const added = await computeTax(ctx, { country: 'US', lines: [line(1_000)], shipping: { amount: 500 } });
    assert.deepEqual([added.inclusive, added.lines[0]!.tax, added.shipping_tax, added.total_tax], [false, 73, 36, 109]);

    assert.equal((await call('DELETE', '/api/admin/tax/countries/US')).statusCode, 204);
    assert.equal((await call('GET', '/api/admin/tax/countries/US')).statusCode, 404);
    assert.equal((await computeTax(ctx, { country: 'US', lines: [line(1_000)] })).total_tax, 0);
  });

  it('lets warehouse read and only owner and manager write', async () => {
    const denied = await call('PUT', '/api/admin/tax/countries/ID', { label: 'PPN', prices_include_tax: false, rates: [] }, warehouse);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'forbidden');
    assert.equal((await call('GET', '/api/admin/tax/countries', undefined, marketing)).statusCode, 403);
    assert.equal((await call('DELETE', '/api/admin/tax/countries/ID', undefined, {})).statusCode, 401);
    assert.equal((await computeTax(ctx, { country: 'ID', lines: [line(111_000)] })).total_tax, 11_000);
  });

  it('refuses bad input with the error shape and writes nothing', async () => {
    const before = await snapshot();
    const ok = { label: 'PPN', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 1100 }] };
    const cases: Array<[string, string, unknown, number]> = [
      ['PUT', '/api/admin/tax/countries/id', ok, 400],
      ['PUT', '/api/admin/tax/countries/IDN', ok, 400],
      ['PUT', `/api/admin/tax/countries/${encodeURIComponent("' OR 1=1 --")}`, ok, 400],
      ['PUT', `/api/admin/tax/countries/${encodeURIComponent('<script>')}`, ok, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, label: '' }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, label: 'x'.repeat(41) }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, prices_include_tax: 'yes' }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { label: 'PPN', rates: [] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, extra: 1 }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: 11.5 }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: '1100' }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: 10_001 }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: -1 }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: "' OR 1=1 --", rate_bp: 1 }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: 1, region: '<script>' }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: 1100 }, { tax_class: 'standard', rate_bp: 1200 }] }, 400],
      ['PUT', '/api/admin/tax/countries/ID', { ...ok, rates: [{ tax_class: 'standard', rate_bp: 1100, vat: true }] }, 400],
      ['GET', '/api/admin/tax/countries/FR', undefined, 404],
      ['DELETE', '/api/admin/tax/countries/FR', undefined, 404],
      ['DELETE', '/api/admin/tax/countries/fr', undefined, 400],
    ];
    for (const [verb, url, body, status] of cases) {
      const res = await call(verb as 'GET', url, body);
      assert.equal(res.statusCode, status, `${verb} ${url} ${JSON.stringify(body)}: ${res.body}`);
      assert.equal(typeof res.json().error?.code, 'string');
      assert.equal(typeof res.json().error.message, 'string');
    }
    assert.equal(await snapshot(), before);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { computeTax, setCountryTax } from './index.ts';

describe('tax service', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
    await setCountryTax(ctx, { country: 'ID', label: 'PPN', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 1100 }, { tax_class: 'zero', rate_bp: 0 }] });
    await setCountryTax(ctx, { country: 'US', label: 'Sales tax', prices_include_tax: false, rates: [{ tax_class: 'standard', rate_bp: 600 }, { tax_class: 'standard', rate_bp: 825, region: 'TX' }] });
  });
  after(() => ctx.close());

  it('extracts tax included in Indonesian prices, per line and on shipping', async () => {
    const result = await computeTax(ctx, { country: 'ID', lines: [{ id: 1, tax_class: 'standard', amount: 111_000 }, { id: 2, tax_class: 'zero', amount: 50_000 }], shipping: { amount: 22_200 } });
    assert.deepEqual(result, {
      label: 'PPN', inclusive: true,
      lines: [{ id: 1, rate_bp: 1100, tax: 11_000 }, { id: 2, rate_bp: 0, tax: 0 }],
      shipping_tax: 2_200, total_tax: 13_200,
    });
  });

  it('adds tax where prices exclude it, with a regional rate over the national one', async () => {
    const national = await computeTax(ctx, { country: 'US', region: 'OR', lines: [{ id: 1, tax_class: 'standard', amount: 10_000 }] });
    const texas = await computeTax(ctx, { country: 'US', region: 'TX', lines: [{ id: 1, tax_class: 'standard', amount: 10_000 }] });
    assert.deepEqual([national.inclusive, national.total_tax, texas.total_tax], [false, 600, 825]);
  });

  it('charges nothing where the shop has no tax set-up', async () => {
    const none = await computeTax(ctx, { country: 'FR', lines: [{ id: 1, tax_class: 'standard', amount: 10_000 }] });
    assert.equal(none.total_tax, 0);
    assert.equal(none.label, null);
  });
});

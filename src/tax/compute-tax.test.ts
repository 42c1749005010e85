import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taxOf } from './compute-tax.ts';

describe('tax arithmetic', () => {
  it('extracts tax from inclusive prices and adds it to exclusive ones', () => {
    assert.equal(taxOf(111_000, 1100, true), 11_000, 'Rp 111.000 incl. PPN 11% holds Rp 11.000');
    assert.equal(taxOf(100_000, 1100, false), 11_000);
    assert.equal(taxOf(10_700, 700, true), 700, 'THB 107.00 incl. VAT 7%');
    assert.equal(taxOf(0, 1600, true), 0);
  });

  it('rounds half up, per line', () => {
    assert.equal(taxOf(5, 1000, false), 1, '0.5 → 1');
    assert.equal(taxOf(4, 1000, false), 0, '0.4 → 0');
  });

  it('keeps net + tax = gross for many amounts and rates (inclusive)', () => {
    for (const rate of [700, 1100, 1200, 1600]) {
      for (let gross = 0; gross < 20_000; gross += 37) {
        const tax = taxOf(gross, rate, true);
        const net = gross - tax;
        // The extracted tax is the closest integer to net × rate: recomputing from net lands within one unit.
        assert.ok(Math.abs(taxOf(net, rate, false) - tax) <= 1, `${gross} at ${rate}`);
        assert.ok(tax >= 0 && tax <= gross);
      }
    }
  });

  it('stays exact on amounts past 2^53 / 10000', () => {
    assert.equal(taxOf(9_000_000_000_000_000 - 1, 1100, false), 990_000_000_000_000);
  });

  it('refuses floats and impossible rates', () => {
    assert.throws(() => taxOf(1.5, 1100, true));
    assert.throws(() => taxOf(-1, 1100, true));
    assert.throws(() => taxOf(100, 10_001, true));
  });
});

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

  it('is the exactly rounded share for every amount: net + tax = gross, error at most half a unit, halves up', () => {
    // Integer check of round-half-up: tax = round(x / d) ⟺ 2·x − d < 2·tax·d ≤ 2·x + d … with ties (2·x = (2·tax − 1)·d) going up.
    const roundedHalfUp = (tax: number, x: bigint, d: bigint) => {
      const twice = 2n * BigInt(tax) * d;
      return twice > 2n * x - d && twice <= 2n * x + d;
    };
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const amounts = [...Array.from({ length: 2000 }, (_, i) => i), ...Array.from({ length: 3000 }, () => random() * 1000 + (random() % 1000))];
    for (const rate of [0, 1, 500, 700, 1100, 1200, 1600, 2500, 10_000]) {
      for (const amount of amounts) {
        const included = taxOf(amount, rate, true);
        const net = amount - included;
        assert.equal(net + included, amount);
        assert.ok(net >= 0 && included >= 0);
        assert.ok(roundedHalfUp(included, BigInt(amount) * BigInt(rate), 10_000n + BigInt(rate)), `inclusive ${amount} at ${rate}: ${included}`);
        const added = taxOf(amount, rate, false);
        assert.ok(roundedHalfUp(added, BigInt(amount) * BigInt(rate), 10_000n), `exclusive ${amount} at ${rate}: ${added}`);
      }
    }
    // The tie itself: 111 at 11% inclusive holds exactly 11; 1 at 50% exclusive is 0.5 → 1; 3 at 50% inclusive is exactly 1.
    assert.equal(taxOf(111, 1100, true), 11);
    assert.equal(taxOf(1, 5000, false), 1);
    assert.equal(taxOf(3, 5000, true), 1);
    // 5 at 25% inclusive: 5 × 0.25 / 1.25 = 1 exactly; 2 at 25% inclusive: 0.4 → 0; 25 at 2% exclusive: 0.5 → 1.
    assert.deepEqual([taxOf(5, 2500, true), taxOf(2, 2500, true), taxOf(25, 200, false)], [1, 0, 1]);
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

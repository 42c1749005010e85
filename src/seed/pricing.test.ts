import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoPrices, demoTierPrices, shopPrice } from './pricing.ts';
import { createRandom, ean13 } from './random.ts';

describe('demo pricing and helpers', () => {
  it('rounds like shops: rupiah to the thousand, baht/peso whole, dollars .99', () => {
    assert.equal(shopPrice(1999, 'IDR'), 320_000); // 19.99 × 16 000 = 319 840
    assert.equal(shopPrice(1999, 'THB'), 72_000); // 719.64 → 720.00
    assert.equal(shopPrice(1999, 'PHP'), 113_900); // 1139.43 → 1139.00
    assert.equal(shopPrice(1999, 'USD'), 1999);
    assert.equal(shopPrice(1420, 'USD'), 1399);
    assert.equal(shopPrice(1, 'IDR'), 1000); // never below the smallest price step
  });
  it('puts compare-at prices above the price and tier prices below it', () => {
    for (const p of demoPrices(2500, 1.2)) assert.ok(p.compare_at_amount! > p.amount);
    const base = new Map(demoPrices(2500).map((p) => [p.currency, p.amount]));
    for (const t of demoTierPrices(2500, 6, 0.1)) assert.ok(t.amount < base.get(t.currency)!);
  });
  it('makes EAN-13 codes with a valid check digit', () => {
    assert.equal(ean13('400638133393'), '4006381333931');
    assert.equal(ean13('899123456789'), '8991234567891');
    assert.throws(() => ean13('12'));
  });
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = createRandom(7), b = createRandom(7), c = createRandom(8);
    const seq = (r: ReturnType<typeof createRandom>) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    assert.deepEqual(seq(a), seq(b));
    assert.notDeepEqual(seq(createRandom(7)), seq(c));
  });
});

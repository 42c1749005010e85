// Demo prices: one base price in US cents turned into every shop currency with a fixed rate table, then rounded
// the way shops in each market price: rupiah to the thousand, baht/peso to whole units, dollars to .99.

export const DEMO_CURRENCIES = ['IDR', 'THB', 'PHP', 'USD', 'MXN'] as const;
export type DemoCurrency = (typeof DEMO_CURRENCIES)[number];

/** Units of the currency per US dollar (fixed for the demo: reproducible, not live rates). */
export const DEMO_RATES: Record<DemoCurrency, number> = { IDR: 16_000, THB: 36, PHP: 57, USD: 1, MXN: 18 };

/** A shop price in minor units (IDR has 0 decimals, the others 2) for a base price in US cents. */
export function shopPrice(baseUsdCents: number, currency: DemoCurrency): number {
  const major = (baseUsdCents / 100) * DEMO_RATES[currency];
  switch (currency) {
    case 'IDR':
      return Math.max(1000, Math.round(major / 1000) * 1000);
    case 'USD':
      return Math.max(99, Math.round(major) * 100 - 1);
    default:
      return Math.max(100, Math.round(major) * 100);
  }
}

export function demoPrices(baseUsdCents: number, compareAtFactor?: number) {
  return DEMO_CURRENCIES.map((currency) => {
    const amount = shopPrice(baseUsdCents, currency);
    const compare = compareAtFactor ? shopPrice(Math.round(baseUsdCents * compareAtFactor), currency) : undefined;
    return compare && compare > amount ? { currency, amount, compare_at_amount: compare } : { currency, amount };
  });
}

/** Unit price from `minQuantity` up: the base price less `discount` (0.1 = 10 %), rounded like the rest. */
export function demoTierPrices(baseUsdCents: number, minQuantity: number, discount: number) {
  return DEMO_CURRENCIES.map((currency) => ({
    currency,
    min_quantity: minQuantity,
    amount: Math.min(shopPrice(Math.round(baseUsdCents * (1 - discount)), currency), shopPrice(baseUsdCents, currency) - (currency === 'IDR' ? 1000 : 100)),
  }));
}

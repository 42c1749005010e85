// Taxes for a cart or an order: the rate per line from country, region and tax class, summed in minor units.
import type { AppContext } from '../platform/context.ts';
import type { Selectable } from 'kysely';
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import { taxOf } from './compute-tax.ts';
import type { TaxCountriesTable, TaxRatesTable } from './tax.table.ts';

export interface TaxLineInput { id: number; tax_class: string; amount: number }
export interface TaxResult {
  /** The tax's local name (PPN, VAT, IVA); null where the shop has no rates for the country. */
  label: string | null;
  inclusive: boolean;
  lines: Array<{ id: number; rate_bp: number; tax: number }>;
  shipping_tax: number;
  total_tax: number;
}

interface TaxSettings { countries: Array<Selectable<TaxCountriesTable>>; rates: Array<Selectable<TaxRatesTable>> }

/**
 * Every country's tax set-up, kept in the catalogue cache: each cart view and checkout computes tax, and the rates
 * change only when staff edit them. Every write to them calls forgetTaxSettings.
 */
function taxSettings(ctx: AppContext): Promise<TaxSettings> {
  return catalogCache(ctx).get('tax:settings', async () => {
    const [countries, rates] = await Promise.all([
      ctx.db.kysely.selectFrom('tax_countries').selectAll().execute(),
      ctx.db.kysely.selectFrom('tax_rates').selectAll().execute(),
    ]);
    return { countries, rates };
  });
}

/** After any change to tax countries or rates (it also refreshes the pages that show prices with tax). */
export function forgetTaxSettings(ctx: AppContext): Promise<void> {
  return catalogCache(ctx).invalidate();
}

export async function computeTax(
  ctx: AppContext,
  input: { country: string; region?: string | null; lines: TaxLineInput[]; shipping?: { amount: number; tax_class?: string } | null },
): Promise<TaxResult> {
  const settings = await taxSettings(ctx);
  const country = settings.countries.find((c) => c.country === input.country);
  const rates = settings.rates.filter((r) => r.country === input.country && (r.region === '' || r.region === (input.region ?? '')));
  if (!country) return { label: null, inclusive: false, lines: input.lines.map((l) => ({ id: l.id, rate_bp: 0, tax: 0 })), shipping_tax: 0, total_tax: 0 };
  const inclusive = country.prices_include_tax === 1;
  // A regional rate beats the national one for the same class.
  const rateFor = (taxClass: string) =>
    (rates.find((r) => r.tax_class === taxClass && r.region !== '') ?? rates.find((r) => r.tax_class === taxClass && r.region === ''))?.rate_bp ?? 0;
  const lines = input.lines.map((l) => {
    const rate = rateFor(l.tax_class);
    return { id: l.id, rate_bp: rate, tax: taxOf(l.amount, rate, inclusive) };
  });
  const shippingTax = input.shipping ? taxOf(input.shipping.amount, rateFor(input.shipping.tax_class ?? 'standard'), inclusive) : 0;
  return { label: country.label, inclusive, lines, shipping_tax: shippingTax, total_tax: lines.reduce((s, l) => s + l.tax, 0) + shippingTax };
}

export interface TaxCountryInput { country: string; label: string; prices_include_tax: boolean; rates: Array<{ tax_class: string; rate_bp: number; region?: string }> }

/** Sets a country's tax settings and replaces its rates (admin and seeds). */
export async function setCountryTax(ctx: AppContext, input: TaxCountryInput): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tax_countries').values({ country: input.country, label: input.label, prices_include_tax: input.prices_include_tax ? 1 : 0 })
      .onConflict((oc) => oc.column('country').doUpdateSet({ label: input.label, prices_include_tax: input.prices_include_tax ? 1 : 0 }))
      .execute();
    await trx.deleteFrom('tax_rates').where('country', '=', input.country).execute();
    if (input.rates.length > 0) {
      await trx.insertInto('tax_rates').values(input.rates.map((r) => ({ country: input.country, region: r.region ?? '', tax_class: r.tax_class, rate_bp: r.rate_bp }))).execute();
    }
  });
  await forgetTaxSettings(ctx);
}

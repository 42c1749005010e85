// Staff read and change the tax set-up of a country: its label, whether shelf prices include tax, and its rates.
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { forgetTaxSettings, setCountryTax, type TaxCountryInput } from './tax.service.ts';

export interface TaxRateView { region: string | null; tax_class: string; rate_bp: number }
export interface TaxCountryView { country: string; label: string; prices_include_tax: boolean; rates: TaxRateView[] }

export async function listTaxCountries(ctx: AppContext, only?: string): Promise<TaxCountryView[]> {
  let countries = ctx.db.kysely.selectFrom('tax_countries').selectAll().orderBy('country');
  let rates = ctx.db.kysely.selectFrom('tax_rates').selectAll().orderBy('country').orderBy('region').orderBy('tax_class');
  if (only) {
    countries = countries.where('country', '=', only);
    rates = rates.where('country', '=', only);
  }
  const [countryRows, rateRows] = await Promise.all([countries.execute(), rates.execute()]);
  return countryRows.map((c) => ({
    country: c.country,
    label: c.label,
    prices_include_tax: c.prices_include_tax === 1,
    rates: rateRows.filter((r) => r.country === c.country).map((r) => ({ region: r.region === '' ? null : r.region, tax_class: r.tax_class, rate_bp: r.rate_bp })),
  }));
}

export async function getTaxCountry(ctx: AppContext, country: string): Promise<TaxCountryView> {
  const [found] = await listTaxCountries(ctx, country);
  if (!found) throw notFound('Tax set-up', { country });
  return found;
}

/** Replaces a country's tax set-up; two rates for the same region and class are refused before anything is written. */
export async function putTaxCountry(ctx: AppContext, country: string, input: Omit<TaxCountryInput, 'country' | 'rates'> & { rates: Array<{ tax_class: string; rate_bp: number; region?: string | null }> }): Promise<TaxCountryView> {
  const seen = new Set<string>();
  const problems: Array<{ path: string; message: string }> = [];
  input.rates.forEach((r, i) => {
    const key = `${r.region ?? ''}\u0000${r.tax_class}`;
    if (seen.has(key)) problems.push({ path: `/rates/${i}`, message: `a second rate for class "${r.tax_class}"${r.region ? ` in ${r.region}` : ''}` });
    seen.add(key);
  });
  if (problems.length) throw new AppError(400, 'validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  await setCountryTax(ctx, { country, label: input.label, prices_include_tax: input.prices_include_tax, rates: input.rates.map((r) => ({ tax_class: r.tax_class, rate_bp: r.rate_bp, region: r.region ?? undefined })) });
  return getTaxCountry(ctx, country);
}

export async function deleteTaxCountry(ctx: AppContext, country: string): Promise<void> {
  await getTaxCountry(ctx, country);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('tax_rates').where('country', '=', country).execute();
    await trx.deleteFrom('tax_countries').where('country', '=', country).execute();
  });
  await forgetTaxSettings(ctx);
}

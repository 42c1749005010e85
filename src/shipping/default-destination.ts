// Where to quote for before the shopper has said where they live (the product page): a destination the shop really
// delivers to, so the estimate shows a real price and date rather than nothing.
import type { AppContext } from '../platform/context.ts';
import type { Destination } from './quote.service.ts';
import { shippingSettings } from './shipping-settings.ts';

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/**
 * The asked country when the shop delivers there, else the country of the shop's first zone (its home market);
 * null when no zone exists. A country-wide zone is quoted with the country alone (the price for "anywhere in the
 * country"); when every zone of the country is narrowed by region or postal prefix, the destination names the first
 * region or prefix of the first such zone, so the quote matches it.
 */
export async function defaultDestination(ctx: AppContext, country?: string | null): Promise<Destination | null> {
  const { zones } = await shippingSettings(ctx);
  const served = (c: string) => zones.filter((z) => list(z.countries).includes(c));
  const chosen = country && served(country).length > 0 ? country : list(zones[0]?.countries ?? null)[0];
  if (!chosen) return null;
  const candidates = served(chosen);
  if (candidates.some((z) => !z.regions && !z.postal_prefixes)) return { country: chosen };
  const first = candidates[0]!;
  const prefix = list(first.postal_prefixes)[0];
  if (prefix) return { country: chosen, postal_code: prefix };
  return { country: chosen, region: list(first.regions)[0] ?? null };
}

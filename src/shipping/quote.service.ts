// Shipping quotes: which methods reach an address, what each costs for this parcel, and when it arrives.
import type { AppContext } from '../platform/context.ts';
import { deliveryWindow, type ShopCalendar } from './delivery-window.ts';
import { shippingSettings } from './shipping-settings.ts';

export interface Destination { country: string; region?: string | null; postal_code?: string | null }

export interface ShippingQuote {
  /** The method's code: stable, safe in URLs and forms. */
  id: string;
  name: string;
  carrier_id: number | null;
  carrier_name: string | null;
  price: number;
  currency: string;
  delivery: { earliest: string; latest: string };
}

export interface QuoteInput {
  destination: Destination;
  weightGrams: number;
  subtotal: { amount: number; currency: string };
  locale: string;
  now?: Date;
}

interface Band { up_to: number | null; price: number }

const list = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);
const norm = (s: string) => s.trim().toLowerCase();

/**
 * How closely a zone fits an address: 3 by postal prefix, 2 by region, 1 by country alone, 0 not at all. A zone that
 * lists regions or prefixes only covers addresses that match one of them.
 */
export function zoneScore(zone: { countries: string; regions: string | null; postal_prefixes: string | null }, to: Destination): number {
  if (!list(zone.countries).includes(to.country)) return 0;
  const prefixes = list(zone.postal_prefixes);
  const regions = list(zone.regions).map(norm);
  if (prefixes.length > 0) return to.postal_code && prefixes.some((p) => to.postal_code!.startsWith(p)) ? 3 : 0;
  if (regions.length > 0) return to.region && regions.includes(norm(to.region)) ? 2 : 0;
  return 1;
}

/** The price of the band the measure falls in (bands sorted by up_to, null = no upper bound); null when none fits. */
export function bandPrice(bands: Band[], measure: number): number | null {
  const sorted = [...bands].sort((a, b) => (a.up_to ?? Infinity) - (b.up_to ?? Infinity));
  return sorted.find((b) => b.up_to === null || measure <= b.up_to)?.price ?? null;
}

export async function shopCalendar(ctx: AppContext): Promise<ShopCalendar> {
  return (await shippingSettings(ctx)).calendar;
}

export async function quoteShipping(ctx: AppContext, input: QuoteInput): Promise<ShippingQuote[]> {
  const { zones, methods: active, calendar } = await shippingSettings(ctx);
  const scored = zones.map((z) => ({ zone: z, score: zoneScore(z, input.destination) })).filter((z) => z.score > 0);
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((z) => z.score));
  const zoneIds = new Set(scored.filter((z) => z.score === best).map((z) => z.zone.id));
  const methods = active.filter((m) => zoneIds.has(m.zone_id));

  const now = input.now ?? new Date();
  const { currency, amount: subtotal } = input.subtotal;
  const quotes: ShippingQuote[] = [];
  for (const m of methods) {
    const bands = (JSON.parse(m.rates) as Record<string, Band[]>)[currency];
    if (!bands) continue; // not offered in this currency
    const measure = m.rate_type === 'weight_bands' ? input.weightGrams : m.rate_type === 'subtotal_bands' ? subtotal : 0;
    let price = bandPrice(bands, measure);
    if (price === null) continue; // the parcel is heavier than the method takes
    const freeAbove = m.free_above ? (JSON.parse(m.free_above) as Record<string, number>)[currency] : undefined;
    if (freeAbove !== undefined && subtotal >= freeAbove) price = 0;
    const names = JSON.parse(m.names) as Record<string, string>;
    const window = deliveryWindow(now, calendar, { minDays: m.transit_min, maxDays: m.transit_max, deliveryDays: list(m.delivery_days).map(Number) });
    quotes.push({
      id: m.code,
      name: names[input.locale] ?? names[ctx.config.defaultLocale] ?? Object.values(names)[0] ?? m.code,
      carrier_id: m.carrier_id,
      carrier_name: m.carrier_name,
      price,
      currency,
      delivery: { earliest: window.earliest, latest: window.latest },
    });
  }
  return quotes.sort((a, b) => a.price - b.price || a.delivery.latest.localeCompare(b.delivery.latest));
}

/** The tracking page of a carrier for a tracking number, or null. */
export async function trackingUrl(ctx: AppContext, carrierId: number, trackingNumber: string): Promise<string | null> {
  const carrier = await ctx.db.kysely.selectFrom('shipping_carriers').select('tracking_url_template').where('id', '=', carrierId).executeTakeFirst();
  return carrier?.tracking_url_template ? carrier.tracking_url_template.replace('{tracking}', encodeURIComponent(trackingNumber)) : null;
}

/** Countries the shop delivers to (the checkout's country choices), sorted. */
export async function shippingCountries(ctx: AppContext): Promise<string[]> {
  const { zones } = await shippingSettings(ctx);
  return [...new Set(zones.flatMap((z) => list(z.countries)))].sort();
}

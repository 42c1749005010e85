// Writing the shipping set-up: the calendar, carriers, zones and methods (demo seed; the admin API later).
import type { AppContext } from '../platform/context.ts';
import type { ShopCalendar } from './delivery-window.ts';
import { forgetShippingSettings } from './shipping-settings.ts';

export interface CarrierInput { code: string; name: string; tracking_url_template?: string }
export interface ZoneInput { code: string; name: string; countries: string[]; regions?: string[]; postal_prefixes?: string[] }
export interface MethodInput {
  code: string;
  zone: string;
  carrier?: string;
  names: Record<string, string>;
  rate_type: 'flat' | 'weight_bands' | 'subtotal_bands';
  /** Per currency: bands of { up_to, price } (weight in grams or subtotal in minor units; up_to null = no limit). */
  rates: Record<string, Array<{ up_to: number | null; price: number }>>;
  free_above?: Record<string, number>;
  transit: { min: number; max: number };
  delivery_days?: number[];
}

export async function setShopCalendar(ctx: AppContext, calendar: ShopCalendar): Promise<void> {
  const row = {
    time_zone: calendar.timeZone, cutoff: calendar.cutoff, processing_days: calendar.processingDays,
    working_days: calendar.workingDays.join(','), holidays: calendar.holidays.join(','),
  };
  await ctx.db.kysely.insertInto('shipping_calendar').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  await forgetShippingSettings(ctx);
}

/** Adds carriers, zones and methods (codes must be new). */
export async function addShippingSetup(ctx: AppContext, setup: { carriers: CarrierInput[]; zones: ZoneInput[]; methods: MethodInput[] }): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const carrierIds = new Map<string, number>();
    for (const c of setup.carriers) {
      const row = await trx.insertInto('shipping_carriers').values({ code: c.code, name: c.name, tracking_url_template: c.tracking_url_template ?? null }).returning('id').executeTakeFirstOrThrow();
      carrierIds.set(c.code, row.id);
    }
    const zoneIds = new Map<string, number>();
    for (const z of setup.zones) {
      const row = await trx.insertInto('shipping_zones').values({
        code: z.code, name: z.name, countries: z.countries.join(','),
        regions: z.regions?.length ? z.regions.join(',') : null, postal_prefixes: z.postal_prefixes?.length ? z.postal_prefixes.join(',') : null,
      }).returning('id').executeTakeFirstOrThrow();
      zoneIds.set(z.code, row.id);
    }
    for (const [position, m] of setup.methods.entries()) {
      const zoneId = zoneIds.get(m.zone);
      if (zoneId === undefined) throw new Error(`Unknown zone ${m.zone} for method ${m.code}`);
      await trx.insertInto('shipping_methods').values({
        code: m.code, zone_id: zoneId, carrier_id: m.carrier ? carrierIds.get(m.carrier) ?? null : null, names: JSON.stringify(m.names),
        rate_type: m.rate_type, rates: JSON.stringify(m.rates), free_above: m.free_above ? JSON.stringify(m.free_above) : null,
        transit_min: m.transit.min, transit_max: m.transit.max, delivery_days: (m.delivery_days ?? [1, 2, 3, 4, 5, 6]).join(','), position,
      }).execute();
    }
  });
  await forgetShippingSettings(ctx);
}

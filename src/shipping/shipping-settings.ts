// The shop's delivery settings — zones, active methods with their carriers, the calendar — read once and kept in the
// catalogue cache: every cart view, product page and checkout quotes shipping, and these tables change only when
// staff edit them. Every write to them (shipping-admin.service.ts, setup.service.ts) calls forgetShippingSettings.
import type { Selectable } from 'kysely';
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import type { AppContext } from '../platform/context.ts';
import type { ShopCalendar } from './delivery-window.ts';
import type { ShippingZonesTable } from './shipping.table.ts';

export interface ActiveMethod {
  zone_id: number;
  code: string;
  names: string;
  rate_type: string;
  rates: string;
  free_above: string | null;
  transit_min: number;
  transit_max: number;
  delivery_days: string | null;
  carrier_id: number | null;
  carrier_name: string | null;
}

export interface ShippingSettings {
  /** By id. */
  zones: Array<Selectable<ShippingZonesTable>>;
  /** By position, then code. */
  methods: ActiveMethod[];
  calendar: ShopCalendar;
}

const list = (value: string | null) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : []);

const DEFAULT_CALENDAR: ShopCalendar = { timeZone: 'UTC', cutoff: '14:00', processingDays: 1, workingDays: [1, 2, 3, 4, 5], holidays: [] };

async function load(ctx: AppContext): Promise<ShippingSettings> {
  const db = ctx.db.kysely;
  const [zones, methods, calendar] = await Promise.all([
    db.selectFrom('shipping_zones').selectAll().orderBy('id').execute(),
    db.selectFrom('shipping_methods as m')
      .leftJoin('shipping_carriers as c', 'c.id', 'm.carrier_id')
      .where('m.active', '=', 1)
      .select(['m.zone_id', 'm.code', 'm.names', 'm.rate_type', 'm.rates', 'm.free_above', 'm.transit_min', 'm.transit_max', 'm.delivery_days', 'm.carrier_id', 'c.name as carrier_name'])
      .orderBy('m.position').orderBy('m.code')
      .execute(),
    db.selectFrom('shipping_calendar').selectAll().where('id', '=', 1).executeTakeFirst(),
  ]);
  return {
    zones,
    methods,
    calendar: calendar
      ? { timeZone: calendar.time_zone, cutoff: calendar.cutoff, processingDays: calendar.processing_days, workingDays: list(calendar.working_days).map(Number), holidays: list(calendar.holidays) }
      : DEFAULT_CALENDAR,
  };
}

export function shippingSettings(ctx: AppContext): Promise<ShippingSettings> {
  return catalogCache(ctx).get('shipping:settings', () => load(ctx));
}

/** After any change to zones, methods, carriers or the calendar (it also refreshes the pages that show them). */
export function forgetShippingSettings(ctx: AppContext): Promise<void> {
  return catalogCache(ctx).invalidate();
}

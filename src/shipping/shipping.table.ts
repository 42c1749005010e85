import type { Generated } from 'kysely';

export interface ShippingCarriersTable { id: Generated<number>; code: string; name: string; tracking_url_template: string | null }
export interface ShippingZonesTable {
  id: Generated<number>; code: string; name: string;
  /** Comma-separated ISO codes, region names and postal prefixes. */
  countries: string; regions: string | null; postal_prefixes: string | null;
}
/**
 * `rates` is JSON: per currency, bands of { up_to, price } over the weight in grams (weight_bands), the subtotal in
 * minor units (subtotal_bands), or one band with up_to null (flat). `free_above` is JSON { currency: amount }.
 * `names` is JSON { locale: name }.
 */
export interface ShippingMethodsTable {
  id: Generated<number>; code: string; zone_id: number; carrier_id: number | null; names: string;
  rate_type: 'flat' | 'weight_bands' | 'subtotal_bands'; rates: string; free_above: string | null;
  transit_min: number; transit_max: number; delivery_days: Generated<string>; active: Generated<number>; position: Generated<number>;
}
export interface ShippingCalendarTable {
  id: number; time_zone: string; cutoff: string; processing_days: number; working_days: string; holidays: Generated<string>;
}

export interface ShippingTables {
  shipping_carriers: ShippingCarriersTable;
  shipping_zones: ShippingZonesTable;
  shipping_methods: ShippingMethodsTable;
  shipping_calendar: ShippingCalendarTable;
}

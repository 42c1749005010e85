// The shapes of the shipping API: what staff send to set up carriers, zones, methods and the calendar, and what the
// store answers with an estimate.
import { Type } from 'typebox';

export const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'Stable identifier: lower-case letters, digits, - and _' });
export const CodeParams = Type.Object({ code: Code }, { additionalProperties: false });
export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' });
// Regions and prefixes are stored comma-separated: no commas inside them.
export const Region = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^,<>\\u0000-\\u001f]+$' });
export const PostalCode = Type.String({ minLength: 1, maxLength: 12, pattern: '^[A-Za-z0-9][A-Za-z0-9 -]*$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Minor = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' });
const Locale = '^[a-z]{2,3}(-[A-Z]{2})?$';

export const CarrierBody = Type.Object({
  name: Name,
  tracking_url_template: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()], { description: 'URL with {tracking} where the tracking number goes' })),
}, { additionalProperties: false });
export const NewCarrierBody = Type.Object({ code: Code, ...CarrierBody.properties }, { additionalProperties: false });
export const Carrier = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), tracking_url_template: Type.Union([Type.String(), Type.Null()]) });

export const ZoneBody = Type.Object({
  name: Name,
  countries: Type.Array(Country, { minItems: 1, maxItems: 250 }),
  regions: Type.Optional(Type.Array(Region, { maxItems: 200, description: 'Provinces or states; the zone covers only these' })),
  postal_prefixes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9]+$' }), { maxItems: 500, description: 'The zone covers only postal codes starting with one of these' })),
}, { additionalProperties: false });
export const NewZoneBody = Type.Object({ code: Code, ...ZoneBody.properties }, { additionalProperties: false });
export const Zone = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(),
  countries: Type.Array(Type.String()), regions: Type.Array(Type.String()), postal_prefixes: Type.Array(Type.String()),
});

const Band = Type.Object({
  up_to: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }), Type.Null()], { description: 'Grams (weight bands) or minor units (subtotal bands); null = no upper limit' }),
  price: Minor,
}, { additionalProperties: false });
const RatesByCurrency = Type.Record(Currency, Type.Array(Band, { minItems: 1, maxItems: 50 }), { additionalProperties: false, minProperties: 1, maxProperties: 20 });
const FreeAbove = Type.Record(Currency, Minor, { additionalProperties: false, maxProperties: 20 });
const Names = Type.Record(Type.String({ pattern: Locale }), Name, { additionalProperties: false, minProperties: 1, maxProperties: 20 });
const RateType = Type.Union([Type.Literal('flat'), Type.Literal('weight_bands'), Type.Literal('subtotal_bands')]);
const Transit = Type.Object({ min: Type.Integer({ minimum: 0, maximum: 60 }), max: Type.Integer({ minimum: 0, maximum: 60 }) }, { additionalProperties: false });

export const MethodBody = Type.Object({
  zone: Code,
  carrier: Type.Optional(Type.Union([Code, Type.Null()])),
  names: Names,
  rate_type: RateType,
  rates: RatesByCurrency,
  free_above: Type.Optional(Type.Union([FreeAbove, Type.Null()])),
  transit: Transit,
  delivery_days: Type.Optional(Type.Array(Weekday, { minItems: 1, maxItems: 7, description: 'Days the carrier delivers; default Monday to Saturday' })),
  active: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
}, { additionalProperties: false });
export const NewMethodBody = Type.Object({ code: Code, ...MethodBody.properties }, { additionalProperties: false });
export const Method = Type.Object({
  id: Type.Integer(), code: Type.String(), zone: Type.String(), carrier: Type.Union([Type.String(), Type.Null()]),
  names: Type.Record(Type.String(), Type.String()), rate_type: RateType,
  rates: Type.Record(Type.String(), Type.Array(Type.Object({ up_to: Type.Union([Type.Integer(), Type.Null()]), price: Type.Integer() }))),
  free_above: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
  transit: Type.Object({ min: Type.Integer(), max: Type.Integer() }), delivery_days: Type.Array(Type.Integer()), active: Type.Boolean(), position: Type.Integer(),
});

export const CalendarBody = Type.Object({
  time_zone: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+/-]+$', description: 'IANA time zone of the warehouse' }),
  cutoff: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Orders before this local time start processing that working day' }),
  processing_days: Type.Integer({ minimum: 0, maximum: 30 }),
  working_days: Type.Array(Weekday, { minItems: 1, maxItems: 7 }),
  holidays: Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), { maxItems: 400 }),
}, { additionalProperties: false });
export const Calendar = Type.Object({
  time_zone: Type.String(), cutoff: Type.String(), processing_days: Type.Integer(), working_days: Type.Array(Type.Integer()), holidays: Type.Array(Type.String()),
});

export const EstimateQuery = Type.Object({
  country: Type.Optional(Country),
  region: Type.Optional(Region),
  postal_code: Type.Optional(PostalCode),
  weight_grams: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  subtotal: Minor,
  currency: Currency,
  locale: Type.Optional(Type.String({ pattern: Locale })),
}, { additionalProperties: false });
export const ShippingOption = Type.Object({
  id: Type.String(),
  name: Type.String(),
  carrier: Type.Union([Type.String(), Type.Null()]),
  price: Type.Integer(),
  currency: Type.String(),
  delivery: Type.Object({ earliest: Type.String({ format: 'date' }), latest: Type.String({ format: 'date' }) }),
});
export const Estimate = Type.Object({
  destination: Type.Union([Type.Object({ country: Type.String(), region: Type.Union([Type.String(), Type.Null()]), postal_code: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  options: Type.Array(ShippingOption),
});

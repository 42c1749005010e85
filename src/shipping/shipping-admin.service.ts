// Staff edit the shipping set-up: carriers, zones, methods and the shop calendar. Every input is checked in full
// before the single write it leads to, so a refused request leaves the database as it was.
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import type { ShopCalendar } from './delivery-window.ts';
import { shopCalendar } from './quote.service.ts';
import { forgetShippingSettings } from './shipping-settings.ts';
import { setShopCalendar, type CarrierInput, type MethodInput, type ZoneInput } from './setup.service.ts';
import { calendarProblems, invalid, methodProblems, trackingTemplateProblems, zoneProblems } from './shipping-rules.ts';

type Band = { up_to: number | null; price: number };
export interface CarrierView { id: number; code: string; name: string; tracking_url_template: string | null }
export interface ZoneView { id: number; code: string; name: string; countries: string[]; regions: string[]; postal_prefixes: string[] }
export interface MethodView {
  id: number; code: string; zone: string; carrier: string | null; names: Record<string, string>;
  rate_type: MethodInput['rate_type']; rates: Record<string, Band[]>; free_above: Record<string, number> | null;
  transit: { min: number; max: number }; delivery_days: number[]; active: boolean; position: number;
}
export interface CalendarView { time_zone: string; cutoff: string; processing_days: number; working_days: number[]; holidays: string[] }
/** A method as the admin API takes it: the seed's input plus whether it is offered and where it sorts. */
export type MethodWrite = Omit<MethodInput, 'carrier'> & { carrier?: string | null; active?: boolean; position?: number };

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const joinOrNull = (values?: string[]) => (values?.length ? values.join(',') : null);

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Inserts a row with a unique code; a code already taken (even by a concurrent request) is a 409. */
async function insertUnique<T>(what: string, code: string, exists: boolean, write: () => Promise<T>): Promise<T> {
  const taken = () => new AppError(409, 'code_taken', `A ${what} with the code "${code}" already exists`, { code });
  if (exists) throw taken();
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

// ---- carriers ----

export async function listCarriers(ctx: AppContext): Promise<CarrierView[]> {
  return ctx.db.kysely.selectFrom('shipping_carriers').select(['id', 'code', 'name', 'tracking_url_template']).orderBy('name').orderBy('id').execute();
}

async function carrierByCode(ctx: AppContext, code: string): Promise<CarrierView | undefined> {
  return ctx.db.kysely.selectFrom('shipping_carriers').select(['id', 'code', 'name', 'tracking_url_template']).where('code', '=', code).executeTakeFirst();
}

export async function createCarrier(ctx: AppContext, input: CarrierInput): Promise<CarrierView> {
  const problems = trackingTemplateProblems(input.tracking_url_template);
  if (problems.length) throw invalid(problems);
  const row = { code: input.code, name: input.name, tracking_url_template: input.tracking_url_template ?? null };
  const { id } = await insertUnique('carrier', input.code, !!(await carrierByCode(ctx, input.code)), () =>
    ctx.db.kysely.insertInto('shipping_carriers').values(row).returning('id').executeTakeFirstOrThrow());
  await forgetShippingSettings(ctx);
  return { id, ...row };
}

export async function replaceCarrier(ctx: AppContext, code: string, input: Omit<CarrierInput, 'code'>): Promise<CarrierView> {
  const problems = trackingTemplateProblems(input.tracking_url_template);
  if (problems.length) throw invalid(problems);
  const carrier = await carrierByCode(ctx, code);
  if (!carrier) throw notFound('Carrier', { code });
  const row = { name: input.name, tracking_url_template: input.tracking_url_template ?? null };
  await ctx.db.kysely.updateTable('shipping_carriers').set(row).where('id', '=', carrier.id).execute();
  await forgetShippingSettings(ctx);
  return { ...carrier, ...row };
}

export async function deleteCarrier(ctx: AppContext, code: string): Promise<void> {
  const carrier = await carrierByCode(ctx, code);
  if (!carrier) throw notFound('Carrier', { code });
  const used = await ctx.db.kysely.selectFrom('shipping_methods').select('code').where('carrier_id', '=', carrier.id).execute();
  if (used.length) throw new AppError(409, 'carrier_in_use', 'Methods still use this carrier; change or delete them first', { methods: used.map((m) => m.code) });
  await ctx.db.kysely.deleteFrom('shipping_carriers').where('id', '=', carrier.id).execute();
  await forgetShippingSettings(ctx);
}

// ---- zones ----

const zoneView = (z: { id: number; code: string; name: string; countries: string; regions: string | null; postal_prefixes: string | null }): ZoneView => ({
  id: z.id, code: z.code, name: z.name, countries: list(z.countries), regions: list(z.regions), postal_prefixes: list(z.postal_prefixes),
});

export async function listZones(ctx: AppContext): Promise<ZoneView[]> {
  return (await ctx.db.kysely.selectFrom('shipping_zones').selectAll().orderBy('id').execute()).map(zoneView);
}

async function zoneByCode(ctx: AppContext, code: string) {
  return ctx.db.kysely.selectFrom('shipping_zones').selectAll().where('code', '=', code).executeTakeFirst();
}

const zoneRow = (z: Omit<ZoneInput, 'code'>) => ({
  name: z.name, countries: z.countries.join(','), regions: joinOrNull(z.regions), postal_prefixes: joinOrNull(z.postal_prefixes),
});

export async function createZone(ctx: AppContext, input: ZoneInput): Promise<ZoneView> {
  const problems = zoneProblems(input);
  if (problems.length) throw invalid(problems);
  const row = { code: input.code, ...zoneRow(input) };
  const { id } = await insertUnique('zone', input.code, !!(await zoneByCode(ctx, input.code)), () =>
    ctx.db.kysely.insertInto('shipping_zones').values(row).returning('id').executeTakeFirstOrThrow());
  await forgetShippingSettings(ctx);
  return zoneView({ id, ...row });
}

export async function replaceZone(ctx: AppContext, code: string, input: Omit<ZoneInput, 'code'>): Promise<ZoneView> {
  const problems = zoneProblems(input);
  if (problems.length) throw invalid(problems);
  const zone = await zoneByCode(ctx, code);
  if (!zone) throw notFound('Zone', { code });
  const row = zoneRow(input);
  await ctx.db.kysely.updateTable('shipping_zones').set(row).where('id', '=', zone.id).execute();
  await forgetShippingSettings(ctx);
  return zoneView({ ...zone, ...row });
}

export async function deleteZone(ctx: AppContext, code: string): Promise<void> {
  const zone = await zoneByCode(ctx, code);
  if (!zone) throw notFound('Zone', { code });
  // The foreign key would cascade; refusing instead keeps a slip of the hand from deleting every method of a zone.
  const used = await ctx.db.kysely.selectFrom('shipping_methods').select('code').where('zone_id', '=', zone.id).execute();
  if (used.length) throw new AppError(409, 'zone_in_use', 'The zone still has methods; delete them first', { methods: used.map((m) => m.code) });
  await ctx.db.kysely.deleteFrom('shipping_zones').where('id', '=', zone.id).execute();
  await forgetShippingSettings(ctx);
}

// ---- methods ----

const methodQuery = (ctx: AppContext) => ctx.db.kysely.selectFrom('shipping_methods as m')
  .innerJoin('shipping_zones as z', 'z.id', 'm.zone_id')
  .leftJoin('shipping_carriers as c', 'c.id', 'm.carrier_id')
  .select(['m.id', 'm.code', 'z.code as zone', 'c.code as carrier', 'm.names', 'm.rate_type', 'm.rates', 'm.free_above', 'm.transit_min', 'm.transit_max', 'm.delivery_days', 'm.active', 'm.position']);

type MethodRow = Awaited<ReturnType<ReturnType<typeof methodQuery>['executeTakeFirstOrThrow']>>;
const methodView = (m: MethodRow): MethodView => ({
  id: m.id, code: m.code, zone: m.zone, carrier: m.carrier, names: JSON.parse(m.names), rate_type: m.rate_type,
  rates: JSON.parse(m.rates), free_above: m.free_above ? JSON.parse(m.free_above) : null,
  transit: { min: m.transit_min, max: m.transit_max }, delivery_days: list(m.delivery_days).map(Number), active: m.active === 1, position: m.position,
});

export async function listMethods(ctx: AppContext, filter: { zone?: string } = {}): Promise<MethodView[]> {
  let query = methodQuery(ctx);
  if (filter.zone) query = query.where('z.code', '=', filter.zone);
  return (await query.orderBy('z.id').orderBy('m.position').orderBy('m.code').execute()).map(methodView);
}

export async function getMethod(ctx: AppContext, code: string): Promise<MethodView> {
  const row = await methodQuery(ctx).where('m.code', '=', code).executeTakeFirst();
  if (!row) throw notFound('Shipping method', { code });
  return methodView(row);
}

/** The row for a method, after every check; unknown zone or carrier codes are input problems (400). */
async function methodRow(ctx: AppContext, m: Omit<MethodWrite, 'code'>) {
  const problems = methodProblems(m);
  const zone = await zoneByCode(ctx, m.zone);
  if (!zone) problems.push({ path: '/zone', message: `unknown zone "${m.zone}"` });
  const carrier = m.carrier ? await carrierByCode(ctx, m.carrier) : null;
  if (m.carrier && !carrier) problems.push({ path: '/carrier', message: `unknown carrier "${m.carrier}"` });
  if (problems.length) throw invalid(problems);
  return {
    zone_id: zone!.id, carrier_id: carrier?.id ?? null, names: JSON.stringify(m.names), rate_type: m.rate_type,
    // Bands are stored in ascending order so the quote and the admin both read them as a ladder.
    rates: JSON.stringify(Object.fromEntries(Object.entries(m.rates).map(([cur, bands]) => [cur, [...bands].sort((a, b) => (a.up_to ?? Infinity) - (b.up_to ?? Infinity))]))),
    free_above: m.free_above && Object.keys(m.free_above).length ? JSON.stringify(m.free_above) : null,
    transit_min: m.transit.min, transit_max: m.transit.max, delivery_days: (m.delivery_days ?? [1, 2, 3, 4, 5, 6]).join(','),
    active: m.active === false ? 0 : 1, position: m.position ?? 0,
  };
}

export async function createMethod(ctx: AppContext, input: MethodWrite): Promise<MethodView> {
  const row = await methodRow(ctx, input);
  const exists = !!(await ctx.db.kysely.selectFrom('shipping_methods').select('id').where('code', '=', input.code).executeTakeFirst());
  await insertUnique('shipping method', input.code, exists, () => ctx.db.kysely.insertInto('shipping_methods').values({ code: input.code, ...row }).execute());
  await forgetShippingSettings(ctx);
  return getMethod(ctx, input.code);
}

export async function replaceMethod(ctx: AppContext, code: string, input: Omit<MethodWrite, 'code'>): Promise<MethodView> {
  const existing = await ctx.db.kysely.selectFrom('shipping_methods').select('id').where('code', '=', code).executeTakeFirst();
  if (!existing) throw notFound('Shipping method', { code });
  const row = await methodRow(ctx, input);
  await ctx.db.kysely.updateTable('shipping_methods').set(row).where('id', '=', existing.id).execute();
  await forgetShippingSettings(ctx);
  return getMethod(ctx, code);
}

export async function deleteMethod(ctx: AppContext, code: string): Promise<void> {
  const result = await ctx.db.kysely.deleteFrom('shipping_methods').where('code', '=', code).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Shipping method', { code });
  await forgetShippingSettings(ctx);
}

// ---- calendar ----

const calendarView = (c: ShopCalendar): CalendarView => ({
  time_zone: c.timeZone, cutoff: c.cutoff, processing_days: c.processingDays, working_days: c.workingDays, holidays: c.holidays,
});

export async function getCalendar(ctx: AppContext): Promise<CalendarView> {
  return calendarView(await shopCalendar(ctx));
}

export async function putCalendar(ctx: AppContext, input: CalendarView): Promise<CalendarView> {
  const calendar: ShopCalendar = {
    timeZone: input.time_zone, cutoff: input.cutoff, processingDays: input.processing_days,
    workingDays: input.working_days, holidays: [...new Set(input.holidays)].sort(),
  };
  const problems = calendarProblems(calendar);
  if (problems.length) throw invalid(problems);
  await setShopCalendar(ctx, calendar);
  return calendarView(calendar);
}

// Stock levels per variant and location: how much is available and whether it is running low.
// Reservations (checkout) build on these rows; on_hand is set here, never read-modified-written.
import type { Kysely, Transaction } from 'kysely';
import { findVariantsById } from '../catalog/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { badRequest, conflict, notFound } from '../platform/http/errors.ts';
import type { MovementReason } from './inventory.table.ts';
import { announceStockChanges, availabilitySnapshot } from './stock-events.ts';

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';
export interface Availability { available: number; status: StockStatus }

export const DEFAULT_LOCATION_CODE = 'default';

// Five columns per stock row: 5 × 2 000 stays far below SQLite's (32 766) and PostgreSQL's (65 535) parameter limits.
const ROWS_PER_STATEMENT = 2000;
const IDS_PER_QUERY = 5000;

/** Pure rule: out when nothing is available, low at or under the threshold, otherwise in stock. */
export function stockStatus(available: number, lowThreshold: number): StockStatus {
  if (available <= 0) return 'out_of_stock';
  return available <= lowThreshold ? 'low_stock' : 'in_stock';
}

/**
 * Availability per variant, summed over all locations (on_hand − reserved); the low-stock threshold is the largest
 * one set for the variant. **A variant that has no stock row is untracked and is ABSENT from the map**: callers treat
 * absence as "in stock, no count". One query for any number of ids (chunked above 5 000 ids).
 *
 * @example
 * const stock = await getAvailability(db, [1, 2]);
 * const status = stock.get(1)?.status ?? 'in_stock'; // absent = untracked
 */
export async function getAvailability(db: Kysely<Database>, variantIds: number[]): Promise<Map<number, Availability>> {
  const out = new Map<number, Availability>();
  const ids = [...new Set(variantIds)].filter((id) => Number.isSafeInteger(id));
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('stock_levels')
      .where('variant_id', 'in', ids.slice(i, i + IDS_PER_QUERY))
      .select((eb) => [
        'variant_id',
        eb.fn.sum<number>(eb('on_hand', '-', eb.ref('reserved'))).as('available'),
        eb.fn.max<number>('low_stock_threshold').as('threshold'),
      ])
      .groupBy('variant_id')
      .execute();
    for (const r of rows) {
      const available = Number(r.available);
      out.set(r.variant_id, { available, status: stockStatus(available, Number(r.threshold)) });
    }
  }
  return out;
}

/** The id of the default stock location, creating "default" (Main warehouse) when there is none. */
export async function ensureDefaultLocation(db: Kysely<Database>): Promise<number> {
  const existing = await db.selectFrom('stock_locations').select('id').where('is_default', '=', 1).orderBy('id').executeTakeFirst();
  if (existing) return existing.id;
  await db
    .insertInto('stock_locations')
    .values({ code: DEFAULT_LOCATION_CODE, name: 'Main warehouse', is_default: 1 })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const row = await db.selectFrom('stock_locations').select('id').where('code', '=', DEFAULT_LOCATION_CODE).executeTakeFirstOrThrow();
  return row.id;
}

async function locationId(db: Kysely<Database>, code: string | undefined): Promise<number> {
  if (code === undefined) return ensureDefaultLocation(db);
  const row = await db.selectFrom('stock_locations').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound('Stock location', { code });
  return row.id;
}

function checkQuantity(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 1_000_000_000) {
    throw badRequest(`${name} must be a whole number from 0 to 1000000000`, { [name]: value });
  }
}

export interface StockChangeOptions {
  /** Stock location code; the shop's default location when absent. */
  locationCode?: string;
  lowThreshold?: number;
  reason?: MovementReason;
  note?: string | null;
  /** Who made the change (API key or staff name), for the history. */
  actor?: string | null;
}

export interface StockLevelView { location: string; on_hand: number; reserved: number; available: number; low_stock_threshold: number; status: StockStatus }

async function levelView(db: Kysely<Database>, variantId: number, location: number): Promise<StockLevelView> {
  const row = await db.selectFrom('stock_levels as s').innerJoin('stock_locations as l', 'l.id', 's.location_id')
    .where('s.variant_id', '=', variantId).where('s.location_id', '=', location)
    .select(['l.code', 's.on_hand', 's.reserved', 's.low_stock_threshold'])
    .executeTakeFirstOrThrow();
  const available = row.on_hand - row.reserved;
  return { location: row.code, on_hand: row.on_hand, reserved: row.reserved, available, low_stock_threshold: row.low_stock_threshold, status: stockStatus(available, row.low_stock_threshold) };
}

/**
 * Sets the quantity on hand of a variant at a location (a stock count), creating the stock row when the variant was
 * untracked, and records the difference as a movement. Publishes `catalog.products_changed`, and `inventory.low`
 * when the variant just ran low.
 */
export async function setOnHand(ctx: AppContext, variantId: number, onHand: number, options: StockChangeOptions = {}): Promise<StockLevelView> {
  checkQuantity('onHand', onHand);
  return changeStock(ctx, variantId, options, async (trx, location) => {
    const current = await trx.selectFrom('stock_levels').select('on_hand')
      .where('variant_id', '=', variantId).where('location_id', '=', location)
      .$if(ctx.db.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    await trx.updateTable('stock_levels').set({ on_hand: onHand }).where('variant_id', '=', variantId).where('location_id', '=', location).execute();
    return { delta: onHand - (current?.on_hand ?? 0), onHandAfter: onHand, reason: options.reason ?? 'count' };
  });
}

/**
 * Adds `delta` (negative to remove) to the quantity on hand: goods received, damaged, lost, returned. Refuses with
 * 409 `insufficient_stock` a removal larger than what is on hand.
 */
export async function adjustStock(ctx: AppContext, variantId: number, delta: number, options: StockChangeOptions & { reason: MovementReason }): Promise<StockLevelView> {
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > 1_000_000_000) {
    throw badRequest('delta must be a non-zero whole number', { delta });
  }
  return changeStock(ctx, variantId, options, async (trx, location) => {
    const row = await trx.updateTable('stock_levels')
      .set((eb) => ({ on_hand: eb('on_hand', '+', delta) }))
      .where('variant_id', '=', variantId).where('location_id', '=', location)
      .where((eb) => eb(eb('on_hand', '+', delta), '>=', 0))
      .returning('on_hand')
      .executeTakeFirst();
    if (!row) throw conflict('insufficient_stock', 'Cannot remove more than is on hand', { variant_id: variantId, delta });
    return { delta, onHandAfter: row.on_hand, reason: options.reason };
  });
}

/** The shared path of every stock change: row creation, the change itself, the movement, the events. */
async function changeStock(
  ctx: AppContext,
  variantId: number,
  options: StockChangeOptions,
  apply: (trx: Transaction<Database>, location: number) => Promise<{ delta: number; onHandAfter: number; reason: MovementReason }>,
): Promise<StockLevelView> {
  if (options.lowThreshold !== undefined) checkQuantity('lowThreshold', options.lowThreshold);
  const variants = await findVariantsById(ctx, [variantId]);
  if (!variants.has(variantId)) throw notFound('Variant', { variantId });
  const db = ctx.db.kysely;
  const location = await locationId(db, options.locationCode);
  const before = await availabilitySnapshot(ctx, [variantId]);
  const view = await db.transaction().execute(async (trx) => {
    await trx.insertInto('stock_levels').values({ variant_id: variantId, location_id: location })
      .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doNothing())
      .execute();
    if (options.lowThreshold !== undefined) {
      await trx.updateTable('stock_levels').set({ low_stock_threshold: options.lowThreshold })
        .where('variant_id', '=', variantId).where('location_id', '=', location).execute();
    }
    const change = await apply(trx, location);
    if (change.delta !== 0) {
      await trx.insertInto('stock_movements').values({
        variant_id: variantId, location_id: location, delta: change.delta, on_hand_after: change.onHandAfter,
        reason: change.reason, note: options.note ?? null, actor: options.actor ?? null,
      }).execute();
    }
    return levelView(trx, variantId, location);
  });
  await announceStockChanges(ctx, [variantId], before, variants);
  return view;
}

export interface StockLevelInput { variantId: number; onHand: number; lowThreshold?: number }

/**
 * Upserts many stock rows at the default location in multi-row statements (seeding and imports). Publishes no
 * event: the caller announces the products it changed, typically once for a whole import.
 */
export async function setStockLevelsBulk(db: Kysely<Database>, rows: StockLevelInput[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows) {
    if (!Number.isSafeInteger(r.variantId)) throw badRequest('variantId must be an integer', { variantId: r.variantId });
    checkQuantity('onHand', r.onHand);
    if (r.lowThreshold !== undefined) checkQuantity('lowThreshold', r.lowThreshold);
  }
  const location = await ensureDefaultLocation(db);
  const write = async (trx: Kysely<Database>) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      await trx
        .insertInto('stock_levels')
        .values(chunk.map((r) => ({ variant_id: r.variantId, location_id: location, on_hand: r.onHand, low_stock_threshold: r.lowThreshold ?? 5 })))
        .onConflict((oc) =>
          oc.columns(['variant_id', 'location_id']).doUpdateSet((eb) => ({
            on_hand: eb.ref('excluded.on_hand'),
            low_stock_threshold: eb.ref('excluded.low_stock_threshold'),
          })),
        )
        .execute();
    }
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}


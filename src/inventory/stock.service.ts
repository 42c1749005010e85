// Stock levels per variant and location: how much is available and whether it is running low.
// Reservations (checkout) build on these rows; on_hand is set here, never read-modified-written.
import type { Kysely } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { badRequest, notFound } from '../platform/http/errors.ts';

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

/**
 * Sets the quantity on hand of a variant at a location (the default one unless `locationCode` is given),
 * creating the stock row when the variant was untracked. Publishes `catalog.products_changed` for the variant's
 * product after the write commits.
 */
export async function setOnHand(
  ctx: AppContext,
  variantId: number,
  onHand: number,
  options: { locationCode?: string; lowThreshold?: number } = {},
): Promise<void> {
  checkQuantity('onHand', onHand);
  if (options.lowThreshold !== undefined) checkQuantity('lowThreshold', options.lowThreshold);
  const db = ctx.db.kysely;
  // The catalogue owns variants; reading one to learn its product is a lookup, not a cross-domain write.
  const variant = await db.selectFrom('variants').select('product_id').where('id', '=', variantId).executeTakeFirst();
  if (!variant) throw notFound('Variant', { variantId });
  const location = await locationId(db, options.locationCode);
  await db
    .insertInto('stock_levels')
    .values({
      variant_id: variantId,
      location_id: location,
      on_hand: onHand,
      ...(options.lowThreshold !== undefined ? { low_stock_threshold: options.lowThreshold } : {}),
    })
    .onConflict((oc) =>
      oc.columns(['variant_id', 'location_id']).doUpdateSet({
        on_hand: onHand,
        ...(options.lowThreshold !== undefined ? { low_stock_threshold: options.lowThreshold } : {}),
      }),
    )
    .execute();
  await ctx.events.publish('catalog.products_changed', { productIds: [variant.product_id] });
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


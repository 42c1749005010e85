/**
 * Holds on stock for a checkout. A hold is taken with a conditional UPDATE — `reserved = reserved + q WHERE
 * on_hand - reserved >= q`, one statement for all the lines — which the database applies atomically on SQLite and on
 * PostgreSQL alike, so two shoppers racing for the last unit cannot both get it. All lines of one reference are
 * reserved in one transaction: either every line is held or none is.
 */
import { sql, type Transaction } from 'kysely';
import { findVariantsById } from '../catalog/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError, badRequest } from '../platform/http/errors.ts';
import { announceStockChanges, type AvailabilitySnapshot } from './stock-events.ts';
import { stockStatus } from './stock.service.ts';

export interface ReserveLine { variantId: number; quantity: number }

export interface ReserveOptions {
  /** What the hold is for, e.g. "cart:42" or "order:PSR-1001"; release and commit act on it. */
  reference: string;
  /** When an unpaid hold lapses (expireReservations releases it). Null: held until released or committed. */
  expiresAt?: Date | null;
}

export interface Reservation { id: number; variantId: number; quantity: number; locationId: number | null }

export interface Shortage { variant_id: number; sku: string; requested: number; available: number }

const MAX_QUANTITY = 1_000_000;

function checkLines(lines: ReserveLine[]): Map<number, number> {
  if (lines.length === 0) throw badRequest('Nothing to reserve');
  const merged = new Map<number, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.variantId) || !Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw badRequest('Each line needs a variant id and a quantity from 1 to 1000000', { line });
    }
    merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  }
  return merged;
}

/**
 * Reserves every line or none. Throws 409 `out_of_stock` with the short lines in details.items. A variant without
 * stock rows is untracked and always reservable; a product that allows back-orders is reserved past zero at its
 * first location.
 */
export async function reserveStock(ctx: AppContext, lines: ReserveLine[], options: ReserveOptions): Promise<Reservation[]> {
  const held = await ctx.db.kysely.transaction().execute((trx) => reserveStockInTransaction(ctx, trx, lines, options));
  await held.announce();
  return held.reservations;
}

/**
 * The same, inside the caller's transaction (checkout reserves and writes the order in one). Call `announce()` after
 * that transaction commits: it publishes the stock changes.
 */
export async function reserveStockInTransaction(
  ctx: AppContext,
  trx: Transaction<Database>,
  lines: ReserveLine[],
  options: ReserveOptions,
): Promise<{ reservations: Reservation[]; announce: () => Promise<void> }> {
  const wanted = checkLines(lines);
  if (!options.reference || options.reference.length > 200) throw badRequest('A reservation needs a reference of at most 200 characters');
  // A fixed order of row locks across transactions: no deadlock between two checkouts on PostgreSQL.
  const variantIds = [...wanted.keys()].sort((a, b) => a - b);
  const variants = await findVariantsById(ctx, variantIds, trx);
  const unknown = variantIds.filter((id) => !variants.has(id));
  if (unknown.length > 0) throw new AppError(404, 'not_found', 'Unknown variant', { variant_ids: unknown });

  // On PostgreSQL the stock rows are locked here, in one fixed order, so the choice below stays true until commit.
  const rows = await trx
    .selectFrom('stock_levels as s')
    .innerJoin('stock_locations as l', 'l.id', 's.location_id')
    .where('s.variant_id', 'in', variantIds)
    .select(['s.variant_id', 's.location_id', 's.on_hand', 's.reserved', 's.low_stock_threshold', 'l.is_default'])
    .orderBy('s.variant_id')
    .orderBy('s.location_id')
    .$if(ctx.db.dialect === 'postgres', (q) => q.forUpdate('s'))
    .execute();
  const before = availabilityOf(rows, variantIds);

  // Where each line is held: the first location (the default one, then the fullest) with enough free stock; past
  // zero at the first location for a back-order; nowhere for an untracked variant (no stock rows).
  const freeAt = (variantId: number) => rows.filter((r) => r.variant_id === variantId).reduce((sum, r) => sum + Math.max(0, r.on_hand - r.reserved), 0);
  const held: Reservation[] = [];
  const backorders = new Set<number>();
  const shortages: Shortage[] = [];
  for (const variantId of variantIds) {
    const quantity = wanted.get(variantId)!;
    const candidates = rows
      .filter((r) => r.variant_id === variantId)
      .sort((a, b) => b.is_default - a.is_default || (b.on_hand - b.reserved) - (a.on_hand - a.reserved));
    if (candidates.length === 0) {
      held.push({ id: 0, variantId, quantity, locationId: null });
      continue;
    }
    const fitting = candidates.find((c) => c.on_hand - c.reserved >= quantity);
    const backorder = !fitting && variants.get(variantId)!.allow_backorder;
    if (fitting || backorder) {
      if (backorder) backorders.add(variantId);
      held.push({ id: 0, variantId, quantity, locationId: (fitting ?? candidates[0]!).location_id });
    } else {
      shortages.push({ variant_id: variantId, sku: variants.get(variantId)!.sku, requested: quantity, available: freeAt(variantId) });
    }
  }
  const located = held.filter((h) => h.locationId !== null);
  if (shortages.length === 0 && located.length > 0) {
    // A row that no longer has the stock read above (only possible when another process wrote in between) refuses
    // its line, and the whole checkout answers out_of_stock like any other shortage.
    for (const variantId of await holdAll(trx, located, backorders)) {
      shortages.push({ variant_id: variantId, sku: variants.get(variantId)!.sku, requested: wanted.get(variantId)!, available: freeAt(variantId) });
    }
  }
  if (shortages.length > 0) {
    throw new AppError(409, 'out_of_stock', 'Some items are no longer available in the quantity asked for', { items: shortages });
  }
  const inserted = await trx
    .insertInto('stock_reservations')
    .values(held.map((h) => ({
      variant_id: h.variantId,
      location_id: h.locationId,
      quantity: h.quantity,
      reference: options.reference,
      expires_at: options.expiresAt ? options.expiresAt.toISOString() : null,
    })))
    .returning(['id', 'variant_id'])
    .execute();
  return {
    reservations: held.map((h, i) => ({ ...h, id: inserted[i]!.id })),
    announce: () => announceStockChanges(ctx, variantIds, before, variants, availabilityOf(rows, variantIds, located)),
  };
}

/**
 * The variants' stock from the rows just read and locked, less what `taken` holds of each: the same sums as
 * getAvailability, without asking again. Before and after this reservation, it is an exact pair (no other checkout
 * can change these rows in between), which is what the low-stock announcement compares. Untracked variants (no
 * rows) are absent.
 */
function availabilityOf(rows: Array<{ variant_id: number; on_hand: number; reserved: number; low_stock_threshold: number }>, variantIds: number[], taken: Reservation[] = []): AvailabilitySnapshot {
  const snapshot: AvailabilitySnapshot = new Map();
  for (const variantId of variantIds) {
    const levels = rows.filter((r) => r.variant_id === variantId);
    if (levels.length === 0) continue;
    const available = levels.reduce((sum, r) => sum + r.on_hand - r.reserved, 0) - taken.filter((h) => h.variantId === variantId).reduce((sum, h) => sum + h.quantity, 0);
    snapshot.set(variantId, { available, status: stockStatus(available, Math.max(...levels.map((r) => r.low_stock_threshold))) });
  }
  return snapshot;
}

/**
 * Holds every line at its chosen location with one conditional UPDATE (the same statement whatever the cart's size):
 * a row takes its quantity only if it still has that much free, except back-orders, which go past zero. Returns the
 * variants whose row did not take it.
 */
async function holdAll(trx: Transaction<Database>, lines: Reservation[], backorders: Set<number>): Promise<number[]> {
  const quantityOf = sql<number>`case variant_id ${sql.join(lines.map((l) => sql`when ${l.variantId} then cast(${l.quantity} as integer)`), sql` `)} end`;
  const updated = await trx
    .updateTable('stock_levels')
    .set({ reserved: sql`reserved + ${quantityOf}` })
    .where((eb) => eb.or(lines.map((l) => eb.and([eb('variant_id', '=', l.variantId), eb('location_id', '=', l.locationId!)]))))
    .where((eb) => eb.or([
      eb(eb('on_hand', '-', eb.ref('reserved')), '>=', quantityOf),
      ...(backorders.size > 0 ? [eb('variant_id', 'in', [...backorders])] : []),
    ]))
    .returning('variant_id')
    .execute();
  const took = new Set(updated.map((r) => r.variant_id));
  return lines.filter((l) => !took.has(l.variantId)).map((l) => l.variantId);
}

type Ending = 'released' | 'expired' | 'committed';

/**
 * Ends the active holds of `reference`. Each hold changes state with a conditional update first, so ending the
 * same reference twice (a retried request, two workers) gives back or takes the stock only once.
 * `committed`: the goods leave — on hand and reserved both go down, and a `sale` movement is recorded.
 */
async function endReservations(ctx: AppContext, reference: string, ending: Ending, filter?: (trx: Transaction<Database>) => Promise<number[]>): Promise<number> {
  const ended: Array<{ variant_id: number }> = [];
  await ctx.db.kysely.transaction().execute(async (trx) => {
    let query = trx.selectFrom('stock_reservations').where('status', '=', 'active').select(['id', 'variant_id', 'location_id', 'quantity']);
    if (filter) {
      const ids = await filter(trx);
      if (ids.length === 0) return;
      query = query.where('id', 'in', ids);
    } else {
      query = query.where('reference', '=', reference);
    }
    const active = await query.orderBy('variant_id').execute();
    for (const hold of active) {
      const changed = await trx.updateTable('stock_reservations').set({ status: ending })
        .where('id', '=', hold.id).where('status', '=', 'active').executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1 || hold.location_id === null) continue;
      if (ending === 'committed') {
        const row = await trx.updateTable('stock_levels')
          .set((eb) => ({ reserved: eb('reserved', '-', hold.quantity), on_hand: eb('on_hand', '-', hold.quantity) }))
          .where('variant_id', '=', hold.variant_id).where('location_id', '=', hold.location_id)
          .returning('on_hand')
          .executeTakeFirst();
        if (row) {
          await trx.insertInto('stock_movements').values({
            variant_id: hold.variant_id, location_id: hold.location_id, delta: -hold.quantity,
            on_hand_after: row.on_hand, reason: 'sale', note: reference || null, actor: null,
          }).execute();
        }
      } else {
        await trx.updateTable('stock_levels')
          .set((eb) => ({ reserved: eb('reserved', '-', hold.quantity) }))
          .where('variant_id', '=', hold.variant_id).where('location_id', '=', hold.location_id)
          .execute();
      }
      ended.push(hold);
    }
  });
  if (ended.length > 0) {
    const ids = [...new Set(ended.map((e) => e.variant_id))];
    // Stock only came back or left as planned: listings change, no low-stock alert is due.
    await announceStockChanges(ctx, ids, null, await findVariantsById(ctx, ids));
  }
  return ended.length;
}

/** Gives the held stock back (a cancelled order, an abandoned checkout). Returns how many holds ended. */
export function releaseReservations(ctx: AppContext, reference: string): Promise<number> {
  return endReservations(ctx, reference, 'released');
}

/** The goods are sold and leave stock: on hand and reserved go down together. Returns how many holds ended. */
export function commitReservations(ctx: AppContext, reference: string): Promise<number> {
  return endReservations(ctx, reference, 'committed');
}

/** Releases every active hold whose expiry has passed (unpaid checkouts); run on a schedule. */
export function expireReservations(ctx: AppContext, now: Date = new Date()): Promise<number> {
  return endReservations(ctx, '', 'expired', async (trx) => {
    const rows = await trx.selectFrom('stock_reservations').select('id')
      .where('status', '=', 'active').where('expires_at', 'is not', null).where('expires_at', '<', now.toISOString())
      .orderBy('id').limit(1000).execute();
    return rows.map((r) => r.id);
  });
}

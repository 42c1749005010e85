// Reading stock for the back office: levels per location, the movement history, the low-stock list.
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import { stockStatus, type StockLevelView, type StockStatus } from './stock.service.ts';

export async function stockLevelsOf(ctx: AppContext, variantId: number): Promise<StockLevelView[]> {
  const rows = await ctx.db.kysely
    .selectFrom('stock_levels as s')
    .innerJoin('stock_locations as l', 'l.id', 's.location_id')
    .where('s.variant_id', '=', variantId)
    .select(['l.code', 's.on_hand', 's.reserved', 's.low_stock_threshold'])
    .orderBy('l.is_default', 'desc')
    .orderBy('l.code')
    .execute();
  return rows.map((r) => {
    const available = r.on_hand - r.reserved;
    return { location: r.code, on_hand: r.on_hand, reserved: r.reserved, available, low_stock_threshold: r.low_stock_threshold, status: stockStatus(available, r.low_stock_threshold) };
  });
}

export async function listMovements(ctx: AppContext, variantId: number, page: number, perPage: number) {
  return ctx.db.kysely
    .selectFrom('stock_movements as m')
    .innerJoin('stock_locations as l', 'l.id', 'm.location_id')
    .where('m.variant_id', '=', variantId)
    .select(['m.id', 'l.code as location', 'm.delta', 'm.on_hand_after', 'm.reason', 'm.note', 'm.actor', 'm.created_at'])
    .orderBy('m.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
}

export interface LowStockRow { variant_id: number; available: number; low_stock_threshold: number; status: StockStatus }

/** Variants whose availability over all locations is at or under their threshold, the emptiest first. */
export async function listLowStock(ctx: AppContext, page: number, perPage: number): Promise<{ rows: LowStockRow[]; total: number }> {
  const low = ctx.db.kysely
    .selectFrom('stock_levels')
    .select((eb) => [
      'variant_id',
      eb.fn.sum<number>(eb('on_hand', '-', eb.ref('reserved'))).as('available'),
      eb.fn.max<number>('low_stock_threshold').as('threshold'),
    ])
    .groupBy('variant_id')
    .having(sql`sum(on_hand - reserved)`, '<=', sql`max(low_stock_threshold)`);
  const [rows, count] = await Promise.all([
    ctx.db.kysely.selectFrom(low.as('low')).selectAll().orderBy('available').orderBy('variant_id').limit(perPage).offset((page - 1) * perPage).execute(),
    ctx.db.kysely.selectFrom(low.as('low')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => {
      const available = Number(r.available);
      const threshold = Number(r.threshold);
      return { variant_id: r.variant_id, available, low_stock_threshold: threshold, status: stockStatus(available, threshold) };
    }),
  };
}

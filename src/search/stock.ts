// Stock status per variant for the index. TODO(inventory): use getAvailability from src/inventory/index.ts once it exists.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

/** A variant without a stock row is untracked and counts as in stock. */
export async function variantAvailability(db: Kysely<Database>, variantIds: number[]): Promise<Map<number, { available: number; status: StockStatus }>> {
  const out = new Map<number, { available: number; status: StockStatus }>();
  if (variantIds.length === 0) return out;
  const rows = await db
    .selectFrom('stock_levels')
    .where('variant_id', 'in', variantIds)
    .select((eb) => [
      'variant_id',
      eb.fn.sum<number>(eb('on_hand', '-', eb.ref('reserved'))).as('available'),
      eb.fn.max<number>('low_stock_threshold').as('threshold'),
    ])
    .groupBy('variant_id')
    .execute();
  for (const r of rows) {
    const available = Number(r.available);
    out.set(r.variant_id, { available, status: available <= 0 ? 'out_of_stock' : available <= Number(r.threshold) ? 'low_stock' : 'in_stock' });
  }
  return out;
}

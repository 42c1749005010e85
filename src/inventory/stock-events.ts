// What inventory tells the rest of the shop after stock changes: listings must refresh (catalog.products_changed)
// and variants that just ran low deserve attention (inventory.low, which webhooks and the admin follow).
import type { Kysely } from 'kysely';
import type { VariantRef } from '../catalog/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { AppContext } from '../platform/context.ts';
import { getAvailability, type Availability } from './stock.service.ts';

export type AvailabilitySnapshot = Map<number, Availability>;

export function availabilitySnapshot(ctx: AppContext, variantIds: number[], db: Kysely<Database> = ctx.db.kysely): Promise<AvailabilitySnapshot> {
  return getAvailability(db, variantIds);
}

/**
 * Publishes the changes for `variantIds`. With a `before` snapshot, variants that were in stock (or untracked)
 * before and are now low or out are announced once as `inventory.low`; and, unless the shop shows stock counts,
 * listings are told only about products whose stock status moved (in stock, low, out): a sale that leaves a
 * variant in stock changes nothing a shopper sees, and re-indexing it on every order would slow checkout down.
 */
export async function announceStockChanges(
  ctx: AppContext,
  variantIds: number[],
  before: AvailabilitySnapshot | null,
  variants: Map<number, VariantRef>,
  /** The stock right after the change, when the caller knows it exactly (a reservation's locked rows); else read. */
  known?: AvailabilitySnapshot,
): Promise<void> {
  const after = before ? known ?? await getAvailability(ctx.db.kysely, variantIds) : null;
  const visible = before && after && !ctx.config.showStockCounts
    ? variantIds.filter((id) => (before.get(id)?.status ?? 'in_stock') !== (after.get(id)?.status ?? 'in_stock'))
    : variantIds;
  const productIds = [...new Set(visible.map((id) => variants.get(id)?.product_id).filter((id): id is number => id !== undefined))];
  if (productIds.length > 0) await ctx.events.publish('catalog.products_changed', { productIds });
  if (!before || !after) return;
  const items = variantIds.flatMap((variantId) => {
    const now = after.get(variantId);
    const was = before.get(variantId)?.status ?? 'in_stock';
    if (!now || now.status === 'in_stock' || was !== 'in_stock') return [];
    return [{ variantId, available: now.available, status: now.status }];
  });
  if (items.length > 0) await ctx.events.publish('inventory.low', { items });
}

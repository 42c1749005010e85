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
 * before and are now low or out are announced once as `inventory.low`.
 */
export async function announceStockChanges(
  ctx: AppContext,
  variantIds: number[],
  before: AvailabilitySnapshot | null,
  variants: Map<number, VariantRef>,
): Promise<void> {
  const productIds = [...new Set(variantIds.map((id) => variants.get(id)?.product_id).filter((id): id is number => id !== undefined))];
  if (productIds.length > 0) await ctx.events.publish('catalog.products_changed', { productIds });
  if (!before) return;
  const after = await getAvailability(ctx.db.kysely, variantIds);
  const items = variantIds.flatMap((variantId) => {
    const now = after.get(variantId);
    const was = before.get(variantId)?.status ?? 'in_stock';
    if (!now || now.status === 'in_stock' || was !== 'in_stock') return [];
    return [{ variantId, available: now.available, status: now.status }];
  });
  if (items.length > 0) await ctx.events.publish('inventory.low', { items });
}

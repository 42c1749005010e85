// Carts and customer accounts: the guest cart joins the customer's cart at sign-in, a signed-in shopper's new cart
// is claimed for them, and erasing an account clears the contact details its carts kept.
import type { Transaction } from 'kysely';
import { loadPurchasables } from '../catalog/index.ts';
import { getAvailability } from '../inventory/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { MAX_LINES, MAX_QUANTITY } from './cart.service.ts';

export interface MergeResult {
  /** The cart the customer continues with (null when they have none). */
  cartId: string | null;
  /** Guest lines whose quantity was lowered to what is in stock, or dropped (not for sale, no price, no room). */
  capped: string[];
  dropped: string[];
}

const openCartOf = (ctx: AppContext, customerId: number, exceptId: string | null) => {
  let q = ctx.db.kysely.selectFrom('carts').select(['id', 'currency', 'locale']).where('customer_id', '=', customerId).where('completed_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.orderBy('updated_at', 'desc').orderBy('id').executeTakeFirst();
};

/**
 * Called when a customer signs in. A guest cart (from the visitor's cookie) that belongs to nobody is merged into
 * the customer's open cart: quantities are added, then capped by the same rules as adding to a cart (available
 * stock unless back-orders are allowed, at most MAX_QUANTITY of one item and MAX_LINES lines); lines that cannot be
 * bought in the customer's cart are dropped. Without an open cart, the guest cart simply becomes theirs. A cart
 * that belongs to another customer is never touched.
 */
export async function mergeGuestCart(ctx: AppContext, customerId: number, guestCartId: string | null): Promise<MergeResult> {
  const db = ctx.db.kysely;
  const guest = guestCartId
    ? await db.selectFrom('carts').select(['id', 'customer_id', 'currency', 'locale']).where('id', '=', guestCartId).where('completed_at', 'is', null).executeTakeFirst()
    : undefined;
  const usableGuest = guest && (guest.customer_id === null || guest.customer_id === customerId) ? guest : undefined;
  const own = await openCartOf(ctx, customerId, usableGuest?.id ?? null);
  const result: MergeResult = { cartId: own?.id ?? null, capped: [], dropped: [] };
  if (!usableGuest) return result;
  if (usableGuest.customer_id === customerId) return { ...result, cartId: usableGuest.id };
  if (!own) {
    await db.updateTable('carts').set({ customer_id: customerId, updated_at: new Date().toISOString() }).where('id', '=', usableGuest.id).where('customer_id', 'is', null).execute();
    return { ...result, cartId: usableGuest.id };
  }

  const [guestLines, ownLines] = await Promise.all([
    db.selectFrom('cart_items').select(['variant_id', 'quantity']).where('cart_id', '=', usableGuest.id).orderBy('id').execute(),
    db.selectFrom('cart_items').select(['variant_id', 'quantity']).where('cart_id', '=', own.id).execute(),
  ]);
  const variantIds = guestLines.map((l) => l.variant_id);
  const [items, stock] = await Promise.all([loadPurchasables(ctx, variantIds, own), getAvailability(db, variantIds)]);
  const current = new Map(ownLines.map((l) => [l.variant_id, l.quantity]));
  let lineCount = ownLines.length;

  // The resulting lines are worked out here, then written with a constant number of statements.
  const writes: Array<{ cart_id: string; variant_id: number; quantity: number }> = [];
  for (const line of guestLines) {
    const item = items.get(line.variant_id);
    if (!item || !item.active || !item.price || (!current.has(line.variant_id) && lineCount >= MAX_LINES)) {
      result.dropped.push(item?.sku ?? String(line.variant_id));
      continue;
    }
    const had = current.get(line.variant_id) ?? 0;
    let quantity = Math.min(had + line.quantity, MAX_QUANTITY);
    const available = stock.get(line.variant_id)?.available;
    if (!item.allowBackorder && available !== undefined && quantity > available) quantity = Math.max(had, available);
    if (quantity < had + line.quantity) result.capped.push(item.sku);
    if (quantity <= 0) {
      result.dropped.push(item.sku);
      continue;
    }
    if (quantity === had) continue;
    writes.push({ cart_id: own.id, variant_id: line.variant_id, quantity });
    if (!current.has(line.variant_id)) lineCount += 1;
    current.set(line.variant_id, quantity);
  }

  await db.transaction().execute(async (trx) => {
    // One upsert for every line (a guest cart holds each variant once, at most MAX_LINES of them).
    if (writes.length > 0) {
      await trx.insertInto('cart_items').values(writes)
        .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') })))
        .execute();
    }
    // The guest cart has been taken in whole; its lines go with it (cart_items cascade).
    await trx.deleteFrom('carts').where('id', '=', usableGuest.id).where('completed_at', 'is', null).execute();
    await trx.updateTable('carts').set({ updated_at: new Date().toISOString() }).where('id', '=', own.id).execute();
  });
  result.capped = [...new Set(result.capped)].filter((s) => !result.dropped.includes(s));
  return result;
}

/** Marks an open cart with no owner as the customer's (a signed-in shopper who started a cart). */
export async function claimCart(ctx: AppContext, cartId: string, customerId: number): Promise<void> {
  await ctx.db.kysely.updateTable('carts').set({ customer_id: customerId })
    .where('id', '=', cartId).where('customer_id', 'is', null).where('completed_at', 'is', null).execute();
}

/** The carts a customer has held (newest first, at most 500): the orders placed from them are theirs. */
export async function cartIdsOfCustomer(ctx: AppContext, customerId: number): Promise<string[]> {
  const rows = await ctx.db.kysely.selectFrom('carts').select('id').where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((r) => r.id);
}

/**
 * Erasure: open carts of the customer are deleted, and checked-out carts (theirs, or those `cartIds` their orders
 * came from) forget the email and address they kept. Runs in the erasure's transaction.
 */
export async function forgetCustomerCarts(trx: Transaction<Database>, customerId: number, cartIds: string[]): Promise<void> {
  await trx.deleteFrom('carts').where('customer_id', '=', customerId).where('completed_at', 'is', null).execute();
  await trx.updateTable('carts').set({ email: null, shipping_address: null })
    .where((eb) => eb.or([eb('customer_id', '=', customerId), ...(cartIds.length > 0 ? [eb('id', 'in', cartIds.slice(0, 1000))] : [])]))
    .execute();
}

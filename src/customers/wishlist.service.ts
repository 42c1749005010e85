// The wishlist: products a customer keeps for later (at most MAX_WISHLIST), shown as product cards.
import { findReviewableProduct, loadProductCards, type ProductCard } from '../catalog/index.ts';
import type { CurrencyCode, Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';

export const MAX_WISHLIST = 200;

export async function listWishlist(ctx: AppContext, customerId: number, opts: { locale: Locale; currency: CurrencyCode | string }): Promise<ProductCard[]> {
  const rows = await ctx.db.kysely.selectFrom('wishlist_items').select('product_id').where('customer_id', '=', customerId).orderBy('id', 'desc').execute();
  return loadProductCards(ctx, rows.map((r) => r.product_id), opts);
}

/** Adds the product (by its slug, as the store API names products); adding it twice keeps one. */
export async function addToWishlist(ctx: AppContext, customerId: number, slug: string): Promise<{ product_id: number }> {
  const product = slug.length <= 200 ? await findReviewableProduct(ctx, slug) : null;
  if (!product) throw notFound('Product', { slug });
  const count = await ctx.db.kysely.selectFrom('wishlist_items').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_WISHLIST) throw new AppError(409, 'wishlist_full', `A wishlist holds at most ${MAX_WISHLIST} products`);
  await ctx.db.kysely.insertInto('wishlist_items').values({ customer_id: customerId, product_id: product.id })
    .onConflict((oc) => oc.columns(['customer_id', 'product_id']).doNothing()).execute();
  return { product_id: product.id };
}

export async function removeFromWishlist(ctx: AppContext, customerId: number, productId: number): Promise<void> {
  const result = await ctx.db.kysely.deleteFrom('wishlist_items').where('customer_id', '=', customerId).where('product_id', '=', productId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Wishlist item', { product_id: productId });
}

/**
 * Carts: lines by variant, priced through the pricing pipeline every time they are read, so a cart always shows
 * today's prices, tier prices and adjustments. Stock is checked when a line is added or changed (a clear message
 * early) and reserved only at checkout.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { findVariantsBySku, loadPurchasables, unitPriceFor, type Purchasable } from '../catalog/index.ts';
import { getAvailability } from '../inventory/index.ts';
import { CURRENCIES, SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError, badRequest, notFound } from '../platform/http/errors.ts';
import { pricingSteps, runPricing, type Adjustment, type Destination, type PricingLine, type Totals } from '../pricing/index.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 9999;
export const CART_ID_PATTERN = '^c_[A-Za-z0-9_-]{24}$';

export interface CartLineView {
  id: number;
  sku: string;
  variant_id: number;
  product: { id: number; slug: string; name: string };
  options: string;
  image: { storage_key: string; width: number; height: number } | null;
  quantity: number;
  unit_price: number;
  /** The price before a tier price applied. */
  base_unit_price: number;
  compare_at_price: number | null;
  tier_min_quantity: number | null;
  line_total: number;
  stock: 'in_stock' | 'low_stock' | 'out_of_stock';
  /** Null when the product can no longer be bought (unpublished, or not priced in the cart's currency). */
  problem: 'unavailable' | 'not_priced' | null;
  /** For checkout and orders; not part of the store API's cart. */
  tax_class: string;
  weight_grams: number;
}

export interface CartView {
  id: string;
  currency: string;
  locale: string;
  items: CartLineView[];
  item_count: number;
  adjustments: Array<Omit<Adjustment, 'included' | 'lineId'> & { included: boolean; line_id: number | null }>;
  totals: Totals;
  created_at: string;
  updated_at: string;
  completed: boolean;
  /** What the pricing stages found out (e.g. the shipping option chosen); for checkout, not the store API. */
  pricing_notes: Record<string, unknown>;
}

const newCartId = () => `c_${crypto.randomBytes(18).toString('base64url')}`;

export async function createCart(ctx: AppContext, input: { currency?: string; locale?: string } = {}): Promise<CartView> {
  const currency = input.currency ?? ctx.config.defaultCurrency;
  const locale = input.locale ?? ctx.config.defaultLocale;
  if (!(currency in CURRENCIES)) throw badRequest(`Unsupported currency ${currency}`, { currency });
  if (!(SUPPORTED_LOCALES as readonly string[]).includes(locale)) throw badRequest(`Unsupported locale ${locale}`, { locale });
  const id = newCartId();
  await ctx.db.kysely.insertInto('carts').values({ id, currency, locale }).execute();
  return getCart(ctx, id);
}

async function cartRow(ctx: AppContext, cartId: string) {
  const cart = await ctx.db.kysely.selectFrom('carts').selectAll().where('id', '=', cartId).executeTakeFirst();
  if (!cart) throw notFound('Cart', { cart_id: cartId });
  if (cart.completed_at) throw new AppError(409, 'cart_completed', 'This cart has already been checked out');
  return cart;
}

async function touch(ctx: AppContext, cartId: string) {
  await ctx.db.kysely.updateTable('carts').set({ updated_at: new Date().toISOString() }).where('id', '=', cartId).execute();
}

/** Checks that `quantity` of the variant can be sold now; untracked and back-orderable variants always can. */
async function checkStock(ctx: AppContext, item: Purchasable, quantity: number) {
  if (item.allowBackorder) return;
  const stock = (await getAvailability(ctx.db.kysely, [item.variantId])).get(item.variantId);
  if (stock && stock.available < quantity) {
    throw new AppError(409, 'insufficient_stock', stock.available > 0 ? `Only ${stock.available} left` : 'Out of stock', {
      sku: item.sku,
      available: Math.max(0, stock.available),
    });
  }
}

async function purchasable(ctx: AppContext, cart: { currency: string; locale: string }, variantId: number): Promise<Purchasable> {
  const item = (await loadPurchasables(ctx, [variantId], cart)).get(variantId);
  if (!item || !item.active) throw new AppError(409, 'unavailable', 'This product is not for sale');
  if (!item.price) throw new AppError(409, 'not_priced', `This product has no price in ${cart.currency}`);
  return item;
}

export async function addItem(ctx: AppContext, cartId: string, input: { sku: string; quantity: number }): Promise<CartView> {
  const cart = await cartRow(ctx, cartId);
  const variant = (await findVariantsBySku(ctx, [input.sku])).get(input.sku);
  if (!variant) throw notFound('SKU', { sku: input.sku });
  const item = await purchasable(ctx, cart, variant.id);
  const existing = await ctx.db.kysely.selectFrom('cart_items').select(['id', 'quantity']).where('cart_id', '=', cartId).where('variant_id', '=', variant.id).executeTakeFirst();
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  if (quantity > MAX_QUANTITY) throw badRequest(`At most ${MAX_QUANTITY} of one item`, { quantity });
  await checkStock(ctx, item, quantity);
  if (!existing) {
    const lines = await ctx.db.kysely.selectFrom('cart_items').select((eb) => eb.fn.countAll<number>().as('n')).where('cart_id', '=', cartId).executeTakeFirstOrThrow();
    if (Number(lines.n) >= MAX_LINES) throw badRequest(`A cart holds at most ${MAX_LINES} different items`);
  }
  // One statement, relative to what is stored: two tabs adding the same item at once both count.
  await ctx.db.kysely.insertInto('cart_items').values({ cart_id: cartId, variant_id: variant.id, quantity: input.quantity })
    .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet((eb) => ({ quantity: eb('cart_items.quantity', '+', input.quantity) })))
    .execute();
  await touch(ctx, cartId);
  return getCart(ctx, cartId);
}

async function itemOf(ctx: AppContext, cartId: string, itemId: number) {
  const item = await ctx.db.kysely.selectFrom('cart_items').select(['id', 'variant_id']).where('cart_id', '=', cartId).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw notFound('Cart item', { item_id: itemId });
  return item;
}

export async function updateItem(ctx: AppContext, cartId: string, itemId: number, quantity: number): Promise<CartView> {
  const cart = await cartRow(ctx, cartId);
  const line = await itemOf(ctx, cartId, itemId);
  const item = await purchasable(ctx, cart, line.variant_id);
  await checkStock(ctx, item, quantity);
  await ctx.db.kysely.updateTable('cart_items').set({ quantity }).where('id', '=', itemId).execute();
  await touch(ctx, cartId);
  return getCart(ctx, cartId);
}

export async function removeItem(ctx: AppContext, cartId: string, itemId: number): Promise<CartView> {
  await cartRow(ctx, cartId);
  await itemOf(ctx, cartId, itemId);
  await ctx.db.kysely.deleteFrom('cart_items').where('id', '=', itemId).execute();
  await touch(ctx, cartId);
  return getCart(ctx, cartId);
}

export interface CheckoutDetails {
  email?: string;
  /** The full shipping address (name, lines, city, region, postal code, country, phone). */
  address?: Record<string, string | null | undefined> & { country: string };
  shippingOptionId?: string | null;
}

/** Remembers what the shopper entered in the checkout steps, so each step can be revisited and prices follow. */
export async function setCheckoutDetails(ctx: AppContext, cartId: string, details: CheckoutDetails): Promise<void> {
  await cartRow(ctx, cartId);
  await ctx.db.kysely.updateTable('carts').set({
    ...(details.email !== undefined ? { email: details.email } : {}),
    ...(details.address !== undefined ? { shipping_address: JSON.stringify(details.address) } : {}),
    ...(details.shippingOptionId !== undefined ? { shipping_option_id: details.shippingOptionId } : {}),
    updated_at: new Date().toISOString(),
  }).where('id', '=', cartId).execute();
}

/**
 * Marks an open cart as checked out, inside the checkout's transaction, with the details the order was placed with.
 * Returns the customer the cart belongs to (claimed at sign-in), or null for a guest's cart. A cart already checked
 * out (a second completion racing this one) answers 409, and the transaction rolls back.
 */
export async function completeCart(trx: Transaction<Database>, cartId: string, placed: { email: string; address: object; shippingOptionId: string }): Promise<{ customerId: number | null }> {
  const row = await trx.updateTable('carts')
    .set({ completed_at: new Date().toISOString(), email: placed.email, shipping_address: JSON.stringify(placed.address), shipping_option_id: placed.shippingOptionId })
    .where('id', '=', cartId).where('completed_at', 'is', null)
    .returning('customer_id')
    .executeTakeFirst();
  if (!row) throw new AppError(409, 'cart_completed', 'This cart has already been checked out');
  return { customerId: row.customer_id };
}

/** The checkout details saved on a cart. */
export async function getCheckoutDetails(ctx: AppContext, cartId: string): Promise<{ email: string | null; address: Record<string, string> | null; shippingOptionId: string | null }> {
  const row = await ctx.db.kysely.selectFrom('carts').select(['email', 'shipping_address', 'shipping_option_id']).where('id', '=', cartId).executeTakeFirst();
  if (!row) throw notFound('Cart', { cart_id: cartId });
  return { email: row.email, address: row.shipping_address ? JSON.parse(row.shipping_address) : null, shippingOptionId: row.shipping_option_id };
}

/** How many items an open cart holds (the mini-cart); 0 for an unknown or completed cart. One query. */
export async function countCartItems(ctx: AppContext, cartId: string): Promise<number> {
  const row = await ctx.db.kysely.selectFrom('carts as c').leftJoin('cart_items as i', 'i.cart_id', 'c.id')
    .where('c.id', '=', cartId).where('c.completed_at', 'is', null)
    .select((eb) => eb.fn.sum<number>('i.quantity').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The cart priced now. Works on completed carts too (read-only), so a confirmation page can show them. */
export async function getCart(ctx: AppContext, cartId: string, options: { destination?: Destination | null; shippingOptionId?: string | null } = {}): Promise<CartView> {
  const cart = await ctx.db.kysely.selectFrom('carts').selectAll().where('id', '=', cartId).executeTakeFirst();
  if (!cart) throw notFound('Cart', { cart_id: cartId });
  const rows = await ctx.db.kysely.selectFrom('cart_items').select(['id', 'variant_id', 'quantity']).where('cart_id', '=', cartId).orderBy('id').execute();
  const [items, stock] = await Promise.all([
    loadPurchasables(ctx, rows.map((r) => r.variant_id), cart),
    getAvailability(ctx.db.kysely, rows.map((r) => r.variant_id)),
  ]);

  const lines: PricingLine[] = [];
  const views: CartLineView[] = [];
  for (const row of rows) {
    const item = items.get(row.variant_id);
    if (!item) continue; // the variant was deleted from the catalogue
    const problem = !item.active ? 'unavailable' : !item.price ? 'not_priced' : null;
    const unit = item.price ? unitPriceFor(item.price, row.quantity) : { amount: 0, tier: null };
    const lineTotal = problem ? 0 : unit.amount * row.quantity;
    if (!problem) {
      lines.push({
        id: row.id, variantId: item.variantId, productId: item.productId, sku: item.sku, quantity: row.quantity,
        unitAmount: unit.amount, baseUnitAmount: item.price!.amount, tierMinQuantity: unit.tier?.min_quantity ?? null,
        amount: lineTotal, taxClass: item.taxClass, weightGrams: item.weightGrams,
      });
    }
    views.push({
      id: row.id,
      sku: item.sku,
      variant_id: item.variantId,
      product: { id: item.productId, slug: item.slug, name: item.name },
      options: item.optionsLabel,
      image: item.image,
      quantity: row.quantity,
      unit_price: unit.amount,
      base_unit_price: item.price?.amount ?? 0,
      compare_at_price: item.price?.compare_at_amount ?? null,
      tier_min_quantity: unit.tier?.min_quantity ?? null,
      line_total: lineTotal,
      stock: stock.get(item.variantId)?.status ?? 'in_stock',
      problem,
      tax_class: item.taxClass,
      weight_grams: item.weightGrams,
    });
  }

  const destination = options.destination ?? (cart.shipping_address ? (JSON.parse(cart.shipping_address) as Destination) : null);
  const priced = await runPricing(ctx, { currency: cart.currency, locale: cart.locale as Locale, lines, destination, shippingOptionId: options.shippingOptionId ?? cart.shipping_option_id }, pricingSteps);
  return {
    id: cart.id,
    currency: cart.currency,
    locale: cart.locale,
    items: views,
    item_count: views.reduce((n, v) => n + v.quantity, 0),
    adjustments: priced.adjustments.map(({ lineId, included, ...a }) => ({ ...a, included: Boolean(included), line_id: lineId ?? null })),
    totals: priced.totals,
    created_at: cart.created_at,
    updated_at: cart.updated_at,
    completed: cart.completed_at !== null,
    pricing_notes: priced.notes,
  };
}

/**
 * Turning a cart into an order. Prices, shipping and stock are all checked again at this moment; the order, its
 * stock holds and the cart's completion are written in ONE transaction, so a failure leaves nothing half done and
 * two concurrent completions of one cart cannot both succeed. Payment starts after the commit.
 */
import { completeCart, getCart, type CartView } from '../cart/index.ts';
import { reserveStockInTransaction } from '../inventory/index.ts';
import { announceOrderCreated, insertOrder, type NewOrder, type OrderAddress } from '../orders/index.ts';
import { availablePaymentMethods, initiatePayment, type PaymentInstructions, type PaymentMethod } from '../payments/index.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, badRequest } from '../platform/http/errors.ts';
import { checkAddress } from './address-rules.ts';
import type { ShippingChoice } from '../pricing/index.ts';

export interface CompleteCheckoutInput {
  email: string;
  shipping_address: OrderAddress;
  shipping_option_id: string;
  payment_method: PaymentMethod;
}

/** How long unpaid holds last before the stock returns to the shelf. Cash on delivery holds until cancelled. */
export const HOLD_MINUTES: Record<PaymentMethod, number | null> = { cod: null, bank_transfer: 72 * 60, qr: 60, card: 60 };

function ensurePayable(cart: CartView): void {
  if (cart.completed) throw new AppError(409, 'cart_completed', 'This cart has already been checked out');
  if (cart.items.length === 0) throw new AppError(400, 'cart_empty', 'The cart is empty');
  const blocked = cart.items.filter((i) => i.problem !== null);
  if (blocked.length > 0) {
    throw new AppError(409, 'unavailable', 'Some items can no longer be bought', { items: blocked.map((i) => ({ sku: i.sku, problem: i.problem })) });
  }
}

export async function completeCheckout(ctx: AppContext, cartId: string, input: CompleteCheckoutInput) {
  const problems = checkAddress(input.shipping_address);
  if (problems.length > 0) throw badRequest('The shipping address is not complete', { problems });

  const destination = { country: input.shipping_address.country, region: input.shipping_address.region, postal_code: input.shipping_address.postal_code };
  const cart = await getCart(ctx, cartId, { destination, shippingOptionId: input.shipping_option_id });
  ensurePayable(cart);

  const shipping = cart.pricing_notes.shipping as ShippingChoice | undefined;
  if (!shipping?.selected) {
    throw new AppError(400, 'invalid_shipping_option', 'This delivery option is not offered for the address', {
      offered: (shipping?.options ?? []).map((o) => o.id),
    });
  }
  if (!(await availablePaymentMethods(ctx, { currency: cart.currency, country: destination.country })).includes(input.payment_method)) {
    throw new AppError(400, 'payment_method_unavailable', `Payment by ${input.payment_method} is not offered for this order`);
  }

  const selected = shipping.selected;
  const order: Omit<NewOrder, 'customer_id'> = {
    cart_id: cart.id,
    email: input.email.trim().toLowerCase(),
    locale: cart.locale,
    currency: cart.currency,
    shipping_address: input.shipping_address,
    shipping: {
      option_id: selected.id,
      name: selected.name,
      carrier_id: selected.carrier_id,
      price: selected.price,
      delivery_earliest: selected.delivery.earliest,
      delivery_latest: selected.delivery.latest,
    },
    payment_method: input.payment_method,
    lines: cart.items.map((i) => ({
      variant_id: i.variant_id,
      product_id: i.product.id,
      sku: i.sku,
      name: i.product.name,
      options: i.options,
      quantity: i.quantity,
      unit_price: i.unit_price,
      line_total: i.line_total,
      tax_class: i.tax_class,
      weight_grams: i.weight_grams,
    })),
    adjustments: cart.adjustments,
    totals: cart.totals,
  };

  const holdMinutes = HOLD_MINUTES[input.payment_method];
  const { placed, announceStock } = await ctx.db.kysely.transaction().execute(async (trx) => {
    // The cart first: a second completion of it stops here, before anything is written or any stock is locked. A
    // signed-in shopper's cart was claimed for their account, so the order is theirs from the start.
    const { customerId } = await completeCart(trx, cart.id, { email: order.email, address: input.shipping_address, shippingOptionId: selected.id });
    const placed = await insertOrder(trx, { ...order, customer_id: customerId });
    const held = await reserveStockInTransaction(ctx, trx, cart.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity })), {
      reference: `order:${placed.number}`,
      expiresAt: holdMinutes === null ? null : new Date(Date.now() + holdMinutes * 60_000),
    });
    return { placed, announceStock: held.announce };
  });

  await announceStock();
  await announceOrderCreated(ctx, placed);
  const payment: PaymentInstructions = await initiatePayment(ctx, input.payment_method, {
    id: placed.id, number: placed.number, total: order.totals.total, currency: order.currency, email: order.email, locale: order.locale,
  });
  return { ...placed, payment };
}

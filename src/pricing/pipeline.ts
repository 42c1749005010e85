/**
 * One pricing pipeline for carts, checkout and orders: lines priced from the catalogue (tier prices included), then
 * stages that add adjustments — discounts (promotions join here), shipping, tax — each adjustment listed with a code
 * and a label so the shopper sees why the total is what it is. Amounts are integer minor units of one currency.
 */
import type { AppContext } from '../platform/context.ts';

export const STAGES = ['discounts', 'shipping', 'tax'] as const;
export type Stage = (typeof STAGES)[number];

export interface PricingLine {
  id: number;
  variantId: number;
  productId: number;
  sku: string;
  quantity: number;
  /** Unit price after tier prices. */
  unitAmount: number;
  /** Unit price before tier prices. */
  baseUnitAmount: number;
  /** The tier that applied ("from 6"), if any. */
  tierMinQuantity: number | null;
  /** unitAmount × quantity. */
  amount: number;
  taxClass: string;
  weightGrams: number;
}

export interface Adjustment {
  stage: Stage;
  code: string;
  label: string;
  /** Negative for discounts. */
  amount: number;
  /** The line it belongs to; absent for order-level adjustments. */
  lineId?: number;
  /** Tax already inside the prices (tax-inclusive shops): shown, not added to the total. */
  included?: boolean;
}

export interface Destination { country: string; region?: string | null; postal_code?: string | null }

export interface PricingState {
  currency: string;
  locale: string;
  lines: PricingLine[];
  destination: Destination | null;
  shippingOptionId: string | null;
  adjustments: Adjustment[];
  /** Facts a stage leaves for later ones (e.g. the shipping option chosen, free-shipping flags from promotions). */
  notes: Record<string, unknown>;
}

export interface PricingStep {
  name: string;
  stage: Stage;
  apply(ctx: AppContext, state: PricingState): Promise<void> | void;
}

export interface Totals {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  /** True when `tax` is already inside subtotal and shipping. */
  tax_included: boolean;
  total: number;
}

export interface PricedResult { lines: PricingLine[]; adjustments: Adjustment[]; totals: Totals; notes: Record<string, unknown> }

export async function runPricing(
  ctx: AppContext,
  input: Omit<PricingState, 'adjustments' | 'notes'>,
  steps: readonly PricingStep[],
): Promise<PricedResult> {
  const state: PricingState = { ...input, adjustments: [], notes: {} };
  for (const stage of STAGES) {
    for (const step of steps.filter((s) => s.stage === stage)) await step.apply(ctx, state);
  }
  return { lines: state.lines, adjustments: state.adjustments, totals: totalsOf(state), notes: state.notes };
}

export function totalsOf(state: Pick<PricingState, 'lines' | 'adjustments'>): Totals {
  const sum = (stage: Stage, included?: boolean) =>
    state.adjustments.filter((a) => a.stage === stage && (included === undefined || Boolean(a.included) === included)).reduce((s, a) => s + a.amount, 0);
  const subtotal = state.lines.reduce((s, l) => s + l.amount, 0);
  const discount = sum('discounts');
  const shipping = sum('shipping');
  const addedTax = sum('tax', false);
  const includedTax = sum('tax', true);
  return {
    subtotal,
    discount,
    shipping,
    tax: addedTax + includedTax,
    tax_included: includedTax > 0 && addedTax === 0,
    total: subtotal + discount + shipping + addedTax,
  };
}

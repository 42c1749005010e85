// Pricing stage "shipping": with a destination, quote every method that reaches it; the chosen one becomes the
// shipping adjustment. The quotes stay in notes.shipping for the shipping-options API and checkout.
import { quoteShipping, type ShippingQuote } from '../../shipping/index.ts';
import type { PricingStep } from '../pipeline.ts';

export interface ShippingChoice { options: ShippingQuote[]; selected: ShippingQuote | null }

export const shippingStep: PricingStep = {
  name: 'shipping',
  stage: 'shipping',
  async apply(ctx, state) {
    if (!state.destination) return;
    const subtotal = state.lines.reduce((s, l) => s + l.amount, 0) + state.adjustments.filter((a) => a.stage === 'discounts').reduce((s, a) => s + a.amount, 0);
    const options = await quoteShipping(ctx, {
      destination: state.destination,
      weightGrams: state.lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0),
      subtotal: { amount: subtotal, currency: state.currency },
      locale: state.locale,
    });
    const selected = options.find((o) => o.id === state.shippingOptionId) ?? null;
    const choice: ShippingChoice = { options, selected };
    state.notes.shipping = choice;
    if (selected) state.adjustments.push({ stage: 'shipping', code: `shipping:${selected.id}`, label: selected.name, amount: selected.price });
  },
};

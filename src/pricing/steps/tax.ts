// Pricing stage "tax": with a destination, the tax on every line and on shipping — shown as included where shelf
// prices hold it (Indonesia, Thailand, the Philippines, Mexico), added otherwise.
import { computeTax } from '../../tax/index.ts';
import type { PricingStep } from '../pipeline.ts';

export const taxStep: PricingStep = {
  name: 'tax',
  stage: 'tax',
  async apply(ctx, state) {
    if (!state.destination || state.lines.length === 0) return;
    const shipping = state.adjustments.filter((a) => a.stage === 'shipping').reduce((s, a) => s + a.amount, 0);
    const discountsByLine = new Map<number, number>();
    for (const a of state.adjustments) if (a.stage === 'discounts' && a.lineId !== undefined) discountsByLine.set(a.lineId, (discountsByLine.get(a.lineId) ?? 0) + a.amount);
    const result = await computeTax(ctx, {
      country: state.destination.country,
      region: state.destination.region,
      lines: state.lines.map((l) => ({ id: l.id, tax_class: l.taxClass, amount: Math.max(0, l.amount + (discountsByLine.get(l.id) ?? 0)) })),
      shipping: shipping > 0 ? { amount: shipping } : null,
    });
    if (!result.label || result.total_tax === 0) return;
    const rates = [...new Set(result.lines.map((l) => l.rate_bp).filter((r) => r > 0))];
    const rateText = rates.length === 1 ? ` ${rates[0]! / 100}%` : '';
    state.adjustments.push({ stage: 'tax', code: `tax:${state.destination.country}`, label: `${result.label}${rateText}`, amount: result.total_tax, included: result.inclusive });
  },
};

// The pricing pipeline's public surface. The steps that run are listed in ./steps.ts.
export { runPricing, totalsOf, STAGES, type Adjustment, type Destination, type PricedResult, type PricingLine, type PricingState, type PricingStep, type Stage, type Totals } from './pipeline.ts';
export { pricingSteps } from './steps.ts';
export type { ShippingChoice } from './steps/shipping.ts';

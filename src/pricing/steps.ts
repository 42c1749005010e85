// The steps of the pricing pipeline, by stage. Promotions add their discount steps here; shipping and tax add theirs.
import type { PricingStep } from './pipeline.ts';

export const pricingSteps: PricingStep[] = [];

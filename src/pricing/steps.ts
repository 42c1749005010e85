// The steps of the pricing pipeline, by stage. Promotions will add their discount steps here.
import type { PricingStep } from './pipeline.ts';
import { shippingStep } from './steps/shipping.ts';
import { taxStep } from './steps/tax.ts';

export const pricingSteps: PricingStep[] = [shippingStep, taxStep];

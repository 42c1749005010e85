// The checkout module: from a cart to a placed order.
import type { HttpModule } from '../platform/http/app.ts';
import { registerCheckoutRoutes } from './http/checkout.routes.ts';

export { completeCheckout, HOLD_MINUTES, type CompleteCheckoutInput } from './complete-checkout.ts';
export { ADDRESS_RULES, PHONE_PATTERN, rulesFor, checkAddress } from './address-rules.ts';

export const checkoutModule: HttpModule = {
  name: 'checkout',
  register(app, ctx) {
    registerCheckoutRoutes(app, ctx);
  },
};

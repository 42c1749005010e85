// The cart module's public surface.
import type { HttpModule } from '../platform/http/app.ts';
import { registerCartRoutes } from './http/cart.routes.ts';

export { mergeGuestCart, claimCart, cartIdsOfCustomer, forgetCustomerCarts, type MergeResult } from './customer-carts.ts';
export { createCart, getCart, completeCart, countCartItems, setCheckoutDetails, getCheckoutDetails, type CheckoutDetails, addItem, updateItem, removeItem, MAX_LINES, MAX_QUANTITY, CART_ID_PATTERN, type CartView, type CartLineView } from './cart.service.ts';

export const cartModule: HttpModule = {
  name: 'cart',
  register(app, ctx) {
    registerCartRoutes(app, ctx);
  },
};

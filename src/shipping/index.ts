// The shipping module's public surface: quotes with delivery windows, the set-up they come from, and its HTTP routes.
import type { HttpModule } from '../platform/http/app.ts';
import { registerAdminShippingRoutes } from './http/admin-shipping.routes.ts';
import { registerStoreShippingRoutes } from './http/store-shipping.routes.ts';

export { quoteShipping, shippingCountries, trackingUrl, shopCalendar, zoneScore, bandPrice, type ShippingQuote, type QuoteInput, type Destination } from './quote.service.ts';
export { setShopCalendar, addShippingSetup, type CarrierInput, type ZoneInput, type MethodInput } from './setup.service.ts';
export { defaultDestination } from './default-destination.ts';
export { listCarriers, type CarrierView } from './shipping-admin.service.ts';
export { deliveryWindow, formatDeliveryWindow, type ShopCalendar, type DeliveryWindow } from './delivery-window.ts';

export const shippingModule: HttpModule = {
  name: 'shipping',
  register(app, ctx) {
    registerAdminShippingRoutes(app, ctx);
    registerStoreShippingRoutes(app, ctx);
  },
};

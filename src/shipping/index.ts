// The shipping module's public surface: quotes with delivery windows, and the set-up they come from.
export { quoteShipping, shippingCountries, trackingUrl, shopCalendar, zoneScore, bandPrice, type ShippingQuote, type QuoteInput, type Destination } from './quote.service.ts';
export { setShopCalendar, addShippingSetup, type CarrierInput, type ZoneInput, type MethodInput } from './setup.service.ts';
export { deliveryWindow, formatDeliveryWindow, type ShopCalendar, type DeliveryWindow } from './delivery-window.ts';

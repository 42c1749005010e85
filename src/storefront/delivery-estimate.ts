// "Delivery to Indonesia: from Rp 28.000, arrives Thu 3 – Mon 7 Dec" on the product page, before the shopper has
// told us where they are: the cheapest method that reaches the shop's home country, for this product alone.
import type { ProductDetail } from '../catalog/index.ts';
import type { AppContext } from '../platform/context.ts';
import { quoteShipping, shippingCountries, type ShippingQuote } from '../shipping/index.ts';

const HOME_COUNTRY: Record<string, string> = { IDR: 'ID', THB: 'TH', PHP: 'PH', MXN: 'MX', VND: 'VN', MYR: 'MY', SGD: 'SG', USD: 'US', EUR: 'DE' };

export interface DeliveryEstimate { country: string; quote: ShippingQuote }

export async function deliveryEstimate(ctx: AppContext, detail: ProductDetail, locale: string): Promise<DeliveryEstimate | null> {
  const variant = detail.variants.find((v) => v.price) ?? null;
  if (!variant?.price) return null;
  const countries = await shippingCountries(ctx);
  const country = HOME_COUNTRY[detail.currency] && countries.includes(HOME_COUNTRY[detail.currency]!) ? HOME_COUNTRY[detail.currency]! : countries[0];
  if (!country) return null;
  const quotes = await quoteShipping(ctx, {
    destination: { country },
    weightGrams: variant.weight_grams ?? 0,
    subtotal: { amount: variant.price.amount, currency: detail.currency },
    locale,
  });
  return quotes[0] ? { country, quote: quotes[0] } : null;
}

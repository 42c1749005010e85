// Public delivery estimate: what each method costs and when it arrives, for a parcel and an address — or, without a
// country, for the shop's default destination (the product page before the shopper has said where they live).
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { defaultDestination } from '../default-destination.ts';
import { quoteShipping, type Destination } from '../quote.service.ts';
import { Estimate, EstimateQuery } from './shipping.schemas.ts';

interface Query { country?: string; region?: string; postal_code?: string; weight_grams: number; subtotal: number; currency: string; locale?: string }

export function registerStoreShippingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/store/shipping/estimate', {
    schema: {
      tags: ['store', 'shipping'],
      summary: 'Delivery options with price and delivery window for an address and a parcel',
      description: 'Options come from the most specific zone matching the address (postal prefix, then region, then country), cheapest first. Dates are ISO 8601 calendar dates in the shop\'s time zone.',
      querystring: EstimateQuery,
      response: { 200: Estimate, 400: ErrorSchema },
    },
  }, async (request) => {
    const q = request.query as Query;
    if (!q.country && (q.region || q.postal_code)) throw badRequest('A region or postal code needs its country', [{ path: '/country', message: 'required with region or postal_code' }]);
    const destination: Destination | null = q.country
      ? { country: q.country, region: q.region ?? null, postal_code: q.postal_code ?? null }
      : await defaultDestination(ctx);
    if (!destination) return { destination: null, options: [] };
    const options = await quoteShipping(ctx, {
      destination,
      weightGrams: q.weight_grams,
      subtotal: { amount: q.subtotal, currency: q.currency },
      locale: q.locale ?? ctx.config.defaultLocale,
    });
    return {
      destination: { country: destination.country, region: destination.region ?? null, postal_code: destination.postal_code ?? null },
      options: options.map((o) => ({ id: o.id, name: o.name, carrier: o.carrier_name, price: o.price, currency: o.currency, delivery: o.delivery })),
    };
  });
}

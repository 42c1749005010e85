// Store API for checkout: delivery options for a cart and an address, and completing the cart into an order.
import { Type } from 'typebox';
import { CART_ID_PATTERN, getCart } from '../../cart/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { once } from '../../platform/idempotency/idempotency.ts';
import type { ShippingChoice } from '../../pricing/index.ts';
import { completeCheckout, type CompleteCheckoutInput } from '../complete-checkout.ts';

const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const CartParams = Type.Object({ id: Type.String({ pattern: CART_ID_PATTERN }) }, { additionalProperties: false });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const ShippingOption = Type.Object({
  id: Type.String(),
  name: Type.String(),
  price: Type.Integer(),
  currency: Type.String(),
  delivery: Type.Object({ earliest: Type.String({ format: 'date' }), latest: Type.String({ format: 'date' }) }),
});

export const CompleteBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    shipping_address: Type.Object(
      {
        name: Text(120),
        line1: Text(200),
        line2: Type.Optional(Type.String({ maxLength: 200 })),
        city: Text(100),
        region: Text(100),
        postal_code: Text(12),
        country: Country,
        phone: Text(32),
      },
      { additionalProperties: false },
    ),
    shipping_option_id: Text(64),
    payment_method: Type.Union([Type.Literal('cod'), Type.Literal('bank_transfer'), Type.Literal('qr'), Type.Literal('card')]),
  },
  { additionalProperties: false },
);

export function registerCheckoutRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/store/carts/:id/shipping-options',
    {
      schema: {
        tags: ['store'],
        summary: 'Delivery options for the cart to an address, with cost and delivery window',
        description: 'Without query parameters, uses the address already set on the cart.',
        params: CartParams,
        querystring: Type.Object(
          { country: Type.Optional(Country), region: Type.Optional(Type.String({ maxLength: 100 })), postal_code: Type.Optional(Type.String({ maxLength: 12 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ShippingOption), ...errors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { country?: string; region?: string; postal_code?: string };
      const destination = q.country ? { country: q.country, region: q.region ?? null, postal_code: q.postal_code ?? null } : undefined;
      const cart = await getCart(ctx, id, destination ? { destination } : {});
      const choice = cart.pricing_notes.shipping as ShippingChoice | undefined;
      if (!choice) throw new AppError(400, 'address_required', 'Give country (and region, postal_code) or set an address on the cart first');
      return choice.options.map((o) => ({ id: o.id, name: o.name, price: o.price, currency: o.currency, delivery: o.delivery }));
    },
  );

  app.post(
    '/api/store/carts/:id/complete',
    {
      schema: {
        tags: ['store'],
        summary: 'Place the order for a cart',
        description:
          'Requires an `Idempotency-Key` header: a retry with the same key (even while the first request is still running) ' +
          'receives the same order. Prices and stock are checked again; out of stock answers 409 `out_of_stock`.',
        params: CartParams,
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 8, maxLength: 200 }) }),
        body: CompleteBody,
        response: { 201: Type.Object({ number: Type.String() }, { additionalProperties: true }), ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const key = request.headers['idempotency-key'] as string;
      const body = request.body as CompleteCheckoutInput;
      const result = await once(ctx, `checkout:${id}`, key, body, async () => ({ status: 201, body: await completeCheckout(ctx, id, body) }));
      return reply.status(result.status).send(result.body);
    },
  );
}

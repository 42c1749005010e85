// Store API for order tracking: the customer gives the order number and the email used at checkout.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { getOrderByNumber } from '../orders.service.ts';

export function registerOrderRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/store/orders/:number',
    {
      schema: {
        tags: ['store'],
        summary: 'Track an order by its number and the email it was placed with',
        description: 'Answers 404 both for an unknown number and for an email that does not match, so numbers cannot be probed.',
        params: Type.Object({ number: Type.String({ pattern: '^PSR-[0-9]{1,12}$' }) }, { additionalProperties: false }),
        querystring: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ number: Type.String(), status: Type.String() }, { additionalProperties: true }), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { number } = request.params as { number: string };
      const { email } = request.query as { email: string };
      const order = await getOrderByNumber(ctx, number, email);
      if (!order) throw notFound('Order');
      const { id: _id, ...visible } = order;
      return visible;
    },
  );
}

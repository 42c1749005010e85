// Store API for carts: create, read, add, change and remove lines.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { CURRENCIES, SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { addItem, CART_ID_PATTERN, createCart, getCart, MAX_QUANTITY, removeItem, updateItem } from '../cart.service.ts';

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const CartParams = Type.Object({ id: Type.String({ pattern: CART_ID_PATTERN }) }, { additionalProperties: false });
const ItemParams = Type.Object(
  { id: Type.String({ pattern: CART_ID_PATTERN }), itemId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY });

const StockStatus = Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]);
export const CartSchema = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  locale: Type.String(),
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    sku: Type.String(),
    variant_id: Type.Integer(),
    product: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
    options: Type.String(),
    image: Nullable(Type.Object({ storage_key: Type.String(), width: Type.Integer(), height: Type.Integer() })),
    quantity: Type.Integer(),
    unit_price: Type.Integer(),
    base_unit_price: Type.Integer(),
    compare_at_price: Nullable(Type.Integer()),
    tier_min_quantity: Nullable(Type.Integer()),
    line_total: Type.Integer(),
    stock: StockStatus,
    problem: Nullable(Type.Union([Type.Literal('unavailable'), Type.Literal('not_priced')])),
  })),
  item_count: Type.Integer(),
  adjustments: Type.Array(Type.Object({
    stage: Type.String(),
    code: Type.String(),
    label: Type.String(),
    amount: Type.Integer(),
    included: Type.Boolean(),
    line_id: Nullable(Type.Integer()),
  })),
  totals: Type.Object({
    subtotal: Type.Integer(),
    discount: Type.Integer(),
    shipping: Type.Integer(),
    tax: Type.Integer(),
    tax_included: Type.Boolean(),
    total: Type.Integer(),
  }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export function registerCartRoutes(app: App, ctx: AppContext): void {
  const store = { tags: ['store'] };

  app.post(
    '/api/store/carts',
    {
      schema: {
        ...store,
        summary: 'Create a cart',
        body: Type.Object(
          {
            currency: Type.Optional(Type.Union(Object.keys(CURRENCIES).map((c) => Type.Literal(c)))),
            locale: Type.Optional(Type.Union(SUPPORTED_LOCALES.map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false },
        ),
        response: { 201: CartSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body as { currency?: string; locale?: string };
      return reply.status(201).send(await createCart(ctx, body));
    },
  );

  app.get(
    '/api/store/carts/:id',
    { schema: { ...store, summary: 'Read a cart with current prices and totals', params: CartParams, response: { 200: CartSchema, ...errors } } },
    async (request) => getCart(ctx, (request.params as { id: string }).id),
  );

  app.post(
    '/api/store/carts/:id/items',
    {
      schema: {
        ...store,
        summary: 'Add an item by SKU (adds to the quantity when already in the cart)',
        params: CartParams,
        body: Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }), quantity: Quantity }, { additionalProperties: false }),
        response: { 201: CartSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return reply.status(201).send(await addItem(ctx, id, request.body as { sku: string; quantity: number }));
    },
  );

  app.patch(
    '/api/store/carts/:id/items/:itemId',
    {
      schema: {
        ...store,
        summary: 'Change the quantity of a cart line',
        params: ItemParams,
        body: Type.Object({ quantity: Quantity }, { additionalProperties: false }),
        response: { 200: CartSchema, ...errors },
      },
    },
    async (request) => {
      const { id, itemId } = request.params as { id: string; itemId: number };
      return updateItem(ctx, id, itemId, (request.body as { quantity: number }).quantity);
    },
  );

  app.delete(
    '/api/store/carts/:id/items/:itemId',
    { schema: { ...store, summary: 'Remove a cart line', params: ItemParams, response: { 200: CartSchema, ...errors } } },
    async (request) => {
      const { id, itemId } = request.params as { id: string; itemId: number };
      return removeItem(ctx, id, itemId);
    },
  );
}

// Admin API for stock: set a count, adjust with a reason, read levels and history, list what is running low.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { findVariantsById, findVariantsBySku } from '../../catalog/index.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { MOVEMENT_REASONS } from '../migrations/2026_11_25_0010_stock_movements.ts';
import { listLowStock, listMovements, stockLevelsOf } from '../stock.read.ts';
import { adjustStock, setOnHand } from '../stock.service.ts';
import { auditChange } from '../../audit/index.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const SkuParams = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const LocationCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Reason = Type.Union(MOVEMENT_REASONS.map((r) => Type.Literal(r)));
const Note = Type.String({ maxLength: 500 });

const StockStatus = Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]);
const Level = Type.Object({
  location: Type.String(),
  on_hand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  low_stock_threshold: Type.Integer(),
  status: StockStatus,
});
const SkuLevel = Type.Object({ sku: Type.String(), ...Level.properties });
const Movement = Type.Object({
  id: Type.Integer(),
  location: Type.String(),
  delta: Type.Integer(),
  on_hand_after: Type.Integer(),
  reason: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});

async function variantOf(ctx: AppContext, sku: string) {
  const variant = (await findVariantsBySku(ctx, [sku])).get(sku);
  if (!variant) throw notFound('SKU', { sku });
  return variant;
}

export function registerInventoryRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'inventory:write');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.put(
    '/api/admin/inventory/:sku',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Set the quantity on hand of a SKU (a stock count)',
        description: 'Without `location`, sets the shop\'s default location. The difference is recorded in the history.',
        params: SkuParams,
        body: Type.Object(
          { on_hand: Quantity, location: Type.Optional(LocationCode), low_stock_threshold: Type.Optional(Quantity), note: Type.Optional(Note) },
          { additionalProperties: false },
        ),
        response: { 200: SkuLevel, ...errors },
      },
    },
    async (request) => {
      const { sku } = request.params as { sku: string };
      const body = request.body as { on_hand: number; location?: string; low_stock_threshold?: number; note?: string };
      const variant = await variantOf(ctx, sku);
      const levelsBefore = await stockLevelsOf(ctx, variant.id);
      const level = await setOnHand(ctx, variant.id, body.on_hand, {
        locationCode: body.location, lowThreshold: body.low_stock_threshold, note: body.note, actor: request.principal?.name ?? null,
      });
      auditChange(request, { target_type: 'inventory', target_id: sku, before: levelsBefore.find((l) => l.location === level.location) ?? null, after: level });
      return { sku, ...level };
    },
  );

  app.post(
    '/api/admin/inventory/:sku/adjustments',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Add or remove stock with a reason (received, damaged, lost, return, correction)',
        params: SkuParams,
        body: Type.Object(
          {
            delta: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000, not: { const: 0 } }),
            reason: Reason,
            location: Type.Optional(LocationCode),
            note: Type.Optional(Note),
          },
          { additionalProperties: false },
        ),
        response: { 200: SkuLevel, ...errors },
      },
    },
    async (request) => {
      const { sku } = request.params as { sku: string };
      const body = request.body as { delta: number; reason: (typeof MOVEMENT_REASONS)[number]; location?: string; note?: string };
      const variant = await variantOf(ctx, sku);
      const levelsBefore = await stockLevelsOf(ctx, variant.id);
      const level = await adjustStock(ctx, variant.id, body.delta, {
        reason: body.reason, locationCode: body.location, note: body.note, actor: request.principal?.name ?? null,
      });
      auditChange(request, { target_type: 'inventory', target_id: sku, before: levelsBefore.find((l) => l.location === level.location) ?? null, after: level });
      return { sku, ...level };
    },
  );

  app.get(
    '/api/admin/inventory/:sku',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'Stock levels of a SKU per location',
        params: SkuParams,
        response: { 200: Type.Object({ sku: Type.String(), tracked: Type.Boolean(), levels: Type.Array(Level) }), ...errors },
      },
    },
    async (request) => {
      const { sku } = request.params as { sku: string };
      const variant = await variantOf(ctx, sku);
      const levels = await stockLevelsOf(ctx, variant.id);
      return { sku, tracked: levels.length > 0, levels };
    },
  );

  app.get(
    '/api/admin/inventory/:sku/movements',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'History of stock changes of a SKU, newest first',
        params: SkuParams,
        querystring: Type.Object(
          { page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }), per_page: Type.Integer({ minimum: 1, maximum: 100, default: 50 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Movement), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { sku } = request.params as { sku: string };
      const { page, per_page } = request.query as { page: number; per_page: number };
      const variant = await variantOf(ctx, sku);
      return { items: await listMovements(ctx, variant.id, page, per_page), page, per_page };
    },
  );

  app.get(
    '/api/admin/low-stock',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'SKUs at or under their low-stock threshold, the emptiest first',
        querystring: Type.Object(
          {
            page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
            per_page: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ sku: Type.String(), product_id: Type.Integer(), product_name: Type.String(), available: Type.Integer(), low_stock_threshold: Type.Integer(), status: StockStatus })),
            total: Type.Integer(),
            page: Type.Integer(),
            per_page: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { page, per_page } = request.query as { page: number; per_page: number };
      const { rows, total } = await listLowStock(ctx, page, per_page);
      const variants = await findVariantsById(ctx, rows.map((r) => r.variant_id));
      const items = rows.flatMap((r) => {
        const v = variants.get(r.variant_id);
        return v ? [{ sku: v.sku, product_id: v.product_id, product_name: v.product_name, available: r.available, low_stock_threshold: r.low_stock_threshold, status: r.status }] : [];
      });
      return { items, total, page, per_page };
    },
  );
}

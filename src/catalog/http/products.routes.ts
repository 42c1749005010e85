// Admin API of products: /api/admin/products (list, create), /{id} (read, replace, patch, delete), /{id}/relations.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { notFound } from '../../platform/http/errors.ts';
import { ProductInput } from '../product-input.ts';
import {
  AdminProduct, AdminRelations, createProduct, deleteProduct, getProductForAdmin, listProductsForAdmin, patchProduct, ProductList,
  ProductListQuery, ProductPatch, RelationsInput, replaceProduct, setProductRelations,
} from '../products/index.ts';
import { adminErrors, IdParams } from './admin-schemas.ts';
import { auditChange } from '../../audit/index.ts';

export function registerProductAdminRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'catalog:write');
  const admin = { tags: ['admin', 'catalog'], security: adminSecurity };

  app.get(
    '/api/admin/products',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'List products, drafts and archived included',
        description: 'Newest changes first. `q` matches part of a name in any language or of a SKU.',
        querystring: ProductListQuery,
        response: { 200: ProductList, ...adminErrors },
      },
    },
    async (request) => listProductsForAdmin(ctx, request.query as ProductListQuery),
  );

  app.post(
    '/api/admin/products',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Create a product',
        description: 'The body names brand, categories, collections, product type and attributes by code. Missing slugs are made from the names. 409 when a SKU or slug is taken; nothing is written on any error.',
        body: ProductInput,
        response: { 201: AdminProduct, ...adminErrors },
      },
    },
    async (request, reply) => {
      const created = await createProduct(ctx, request.body as ProductInput);
      auditChange(request, { target_type: 'products', target_id: created.id, before: null, after: created });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/admin/products/:id',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'Get a whole product',
        description: 'The ProductInput shape plus ids, timestamps, photos and curated relations. Without `id`, `created_at`, `updated_at`, `images`, `relations` and the variant ids it is a valid PUT body.',
        params: IdParams,
        response: { 200: AdminProduct, ...adminErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const product = await getProductForAdmin(ctx, id);
      if (!product) throw notFound('Product', { id });
      return product;
    },
  );

  app.put(
    '/api/admin/products/:id',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Replace a product',
        description: 'Replaces translations, options, variants, prices, tier prices, attribute values, categories, tags and collections. Variants are matched by SKU and keep their ids; SKUs no longer listed are deleted. A translation without a slug keeps its current slug; without `status` the status is kept.',
        params: IdParams,
        body: ProductInput,
        response: { 200: AdminProduct, ...adminErrors },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const before = await getProductForAdmin(ctx, id);
      const after = await replaceProduct(ctx, id, request.body as ProductInput);
      auditChange(request, { target_type: 'products', target_id: id, before, after });
      return after;
    },
  );

  app.patch(
    '/api/admin/products/:id',
    {
      preHandler: write,
      schema: { ...admin, summary: 'Change the status or featured flag of a product', params: IdParams, body: ProductPatch, response: { 200: AdminProduct, ...adminErrors } },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const before = await getProductForAdmin(ctx, id);
      const after = await patchProduct(ctx, id, request.body as ProductPatch);
      auditChange(request, { target_type: 'products', target_id: id, before, after });
      return after;
    },
  );

  app.delete(
    '/api/admin/products/:id',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Delete a product',
        description: 'Removes its variants, prices, translations, photos, reviews, ratings and relations.',
        params: IdParams,
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const before = await getProductForAdmin(ctx, id);
      await deleteProduct(ctx, id);
      auditChange(request, { target_type: 'products', target_id: id, before, after: null });
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/admin/products/:id/relations',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Set the curated relations of a product',
        description: 'Similar, complementary and pairing ("goes well with") products by slug, in display order. Unknown slugs, the product itself and repeats are refused (400).',
        params: IdParams,
        body: RelationsInput,
        response: { 200: AdminRelations, ...adminErrors },
      },
    },
    async (request) => setProductRelations(ctx, (request.params as { id: number }).id, request.body as RelationsInput),
  );
}

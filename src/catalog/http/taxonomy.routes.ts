// Admin API of the taxonomy: /api/admin/categories, /brands, /attributes, /product-types, /collections. Each has
// the same five routes (list, get, create, replace, delete), so one function registers them from a description.
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as taxonomy from '../taxonomy/index.ts';
import { adminErrors, IdParams } from './admin-schemas.ts';

interface Resource<I> {
  path: string;
  /** Singular and plural, for summaries and messages. */
  one: string;
  many: string;
  input: TSchema;
  output: TSchema;
  notes?: { create?: string; update?: string; delete?: string };
  list(ctx: AppContext): Promise<unknown[]>;
  get(ctx: AppContext, id: number): Promise<unknown | null>;
  create(ctx: AppContext, input: I): Promise<unknown>;
  update(ctx: AppContext, id: number, input: I): Promise<unknown>;
  remove(ctx: AppContext, id: number): Promise<void>;
}

function registerResource<I>(app: App, ctx: AppContext, r: Resource<I>): void {
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'catalog:write');
  const admin = { tags: ['admin', 'catalog'], security: adminSecurity };
  const capital = r.one[0]!.toUpperCase() + r.one.slice(1);

  app.get(r.path, { preHandler: read, schema: { ...admin, summary: `List ${r.many}`, response: { 200: Type.Object({ items: Type.Array(r.output) }), ...adminErrors } } },
    async () => ({ items: await r.list(ctx) }));
  app.post(r.path, { preHandler: write, schema: { ...admin, summary: `Create a ${r.one}`, description: r.notes?.create, body: r.input, response: { 201: r.output, ...adminErrors } } },
    async (request, reply) => reply.status(201).send(await r.create(ctx, request.body as I)));
  app.get(`${r.path}/:id`, { preHandler: read, schema: { ...admin, summary: `Get a ${r.one}`, params: IdParams, response: { 200: r.output, ...adminErrors } } },
    async (request) => {
      const { id } = request.params as { id: number };
      const found = await r.get(ctx, id);
      if (!found) throw notFound(capital, { id });
      return found;
    });
  app.put(`${r.path}/:id`, { preHandler: write, schema: { ...admin, summary: `Replace a ${r.one}`, description: r.notes?.update, params: IdParams, body: r.input, response: { 200: r.output, ...adminErrors } } },
    async (request) => r.update(ctx, (request.params as { id: number }).id, request.body as I));
  app.delete(`${r.path}/:id`, { preHandler: write, schema: { ...admin, summary: `Delete a ${r.one}`, description: r.notes?.delete, params: IdParams, response: { 204: Type.Null(), ...adminErrors } } },
    async (request, reply) => {
      await r.remove(ctx, (request.params as { id: number }).id);
      return reply.status(204).send();
    });
}

export function registerTaxonomyAdminRoutes(app: App, ctx: AppContext): void {
  registerResource<taxonomy.CategoryInput>(app, ctx, {
    path: '/api/admin/categories', one: 'category', many: 'categories (the tree, depth-first)',
    input: taxonomy.CategoryInput, output: taxonomy.AdminCategory,
    notes: {
      create: 'Translations per locale (the default one required); `parent` is the parent category code. Missing slugs are made from names; a taken slug is a 409.',
      update: 'A translation without a slug keeps its slug. A category cannot move under itself or its subcategories.',
      delete: '409 while the category has subcategories or products.',
    },
    list: taxonomy.listCategoriesForAdmin, get: taxonomy.getCategoryForAdmin,
    create: taxonomy.createCategory, update: taxonomy.updateCategory, remove: taxonomy.deleteCategory,
  });
  registerResource<taxonomy.BrandInput>(app, ctx, {
    path: '/api/admin/brands', one: 'brand', many: 'brands',
    input: taxonomy.BrandInput, output: taxonomy.AdminBrand,
    notes: { delete: '409 while products carry the brand.' },
    list: taxonomy.listBrandsForAdmin, get: taxonomy.getBrandForAdmin,
    create: taxonomy.createBrand, update: taxonomy.updateBrand, remove: taxonomy.deleteBrand,
  });
  registerResource<taxonomy.AttributeInput>(app, ctx, {
    path: '/api/admin/attributes', one: 'attribute', many: 'attributes',
    input: taxonomy.AttributeInput, output: taxonomy.AdminAttribute,
    notes: {
      create: 'Kinds: text, number (with `unit`), enum (with `options`), boolean. `filterable` makes it a search facet.',
      update: 'Options are matched by code. Changing the kind of an attribute with values, or removing an option in use, is a 409.',
      delete: '409 while products have values of the attribute.',
    },
    list: taxonomy.listAttributesForAdmin, get: taxonomy.getAttributeForAdmin,
    create: taxonomy.createAttribute, update: taxonomy.updateAttribute, remove: taxonomy.deleteAttribute,
  });
  registerResource<taxonomy.ProductTypeInput>(app, ctx, {
    path: '/api/admin/product-types', one: 'product type', many: 'product types',
    input: taxonomy.ProductTypeInput, output: taxonomy.AdminProductType,
    notes: { create: '`attributes` lists attribute codes in display order.', delete: '409 while products are of this type.' },
    list: taxonomy.listProductTypesForAdmin, get: taxonomy.getProductTypeForAdmin,
    create: taxonomy.createProductType, update: taxonomy.updateProductType, remove: taxonomy.deleteProductType,
  });
  registerResource<taxonomy.CollectionAdminInput>(app, ctx, {
    path: '/api/admin/collections', one: 'collection', many: 'collections',
    input: taxonomy.CollectionAdminInput, output: taxonomy.AdminCollection,
    notes: { create: '`products` lists product ids or slugs in display order.', update: 'The products are replaced, in the given order.' },
    list: taxonomy.listCollectionsForAdmin, get: taxonomy.getCollectionForAdmin,
    create: taxonomy.createCollection, update: taxonomy.updateCollection, remove: taxonomy.deleteCollection,
  });
}

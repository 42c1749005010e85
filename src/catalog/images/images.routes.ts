// Admin API for product photos: /api/admin/products/{id}/images. Uploads are multipart (field `file`, plus
// `alt.<locale>`, `position`, `variant_id`); changes are JSON.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import { deleteProductImage, getProductImage, listProductImages, MAX_ALT_LENGTH, reorderImages, storeProductImage, updateProductImage, type ImagePatch } from './images.service.ts';
import { MAX_UPLOAD_BYTES, readImageUpload } from './read-upload.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema };
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const ProductParams = Type.Object({ id: Id }, { additionalProperties: false });
const ImageParams = Type.Object({ id: Id, imageId: Id }, { additionalProperties: false });

const AltTexts = Type.Record(Type.String(), Type.String());
export const ProductImageSchema = Type.Object({
  id: Type.Integer(),
  product_id: Type.Integer(),
  variant_id: Type.Union([Type.Integer(), Type.Null()]),
  storage_key: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  position: Type.Integer(),
  created_at: Type.String(),
  alt: AltTexts,
  url: Type.String(),
});
const localeAlts = Object.fromEntries(
  SUPPORTED_LOCALES.map((l) => [l, Type.Optional(Type.Union([Type.String({ maxLength: MAX_ALT_LENGTH }), Type.Null()]))]),
);
const ImagePatchBody = Type.Object(
  {
    alt: Type.Optional(Type.Object(localeAlts, { additionalProperties: false })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    variant_id: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
const OrderBody = Type.Object(
  { image_ids: Type.Array(Id, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);

export function registerImageRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'catalog:write');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.get(
    '/api/admin/products/:id/images',
    { preHandler: read, schema: { ...admin, summary: "List a product's photos", params: ProductParams, response: { 200: Type.Object({ items: Type.Array(ProductImageSchema) }), ...errors } } },
    async (request) => ({ items: await listProductImages(ctx, (request.params as { id: number }).id) }),
  );

  app.post(
    '/api/admin/products/:id/images',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Upload a product photo',
        description:
          `multipart/form-data with one file in the field \`file\` (JPEG, PNG, WebP, AVIF or GIF, sniffed from the content; ` +
          `at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and 40 megapixels), optional \`alt.<locale>\` fields (${SUPPORTED_LOCALES.join(', ')}), ` +
          '`position` (0-based) and `variant_id`. Metadata is stripped; renditions are served from the returned storage key.',
        consumes: ['multipart/form-data'],
        params: ProductParams,
        response: { 201: ProductImageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const productId = (request.params as { id: number }).id;
      const upload = await readImageUpload(request);
      const stored = await storeProductImage(ctx, productId, upload.data, upload.options);
      return reply.status(201).send(await getProductImage(ctx, productId, stored.id));
    },
  );

  app.put(
    '/api/admin/products/:id/images/order',
    {
      preHandler: write,
      schema: { ...admin, summary: "Reorder a product's photos", description: 'Names every photo of the product once, first shown first.', params: ProductParams, body: OrderBody, response: { 200: Type.Object({ items: Type.Array(ProductImageSchema) }), ...errors } },
    },
    async (request) => ({ items: await reorderImages(ctx, (request.params as { id: number }).id, (request.body as { image_ids: number[] }).image_ids) }),
  );

  app.patch(
    '/api/admin/products/:id/images/:imageId',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Change a photo: alt texts, position, variant',
        description: 'Alt texts named replace the stored ones; null or "" removes a locale. `position` moves the photo (0 = first).',
        params: ImageParams,
        body: ImagePatchBody,
        response: { 200: ProductImageSchema, ...errors },
      },
    },
    async (request) => {
      const { id, imageId } = request.params as { id: number; imageId: number };
      return updateProductImage(ctx, id, imageId, request.body as ImagePatch);
    },
  );

  app.delete(
    '/api/admin/products/:id/images/:imageId',
    { preHandler: write, schema: { ...admin, summary: 'Delete a product photo and its files', params: ImageParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { id, imageId } = request.params as { id: number; imageId: number };
      await deleteProductImage(ctx, id, imageId);
      return reply.status(204).send();
    },
  );
}

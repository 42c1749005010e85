// Back-office form posts for product photos, and the "Photos" panel the product edit page embeds. The panel posts a
// multipart upload to /admin/products/{id}/images?_csrf=… (a multipart body is read by the route, after the guard,
// so the token travels in the query string), and url-encoded forms to change or delete one photo. Each answers
// with a 303 back to the product page's #images section; a refused upload shows its reason with a link back.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { adminPage, CSRF_FIELD, Csrf, FormBodySchema, formValue, renderAdminPage, type FormBody } from '../../admin/index.ts';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { deleteProductImage, MAX_ALT_LENGTH, storeProductImage, updateProductImage, type ImagePatch, type ProductImage } from './images.service.ts';
import { readImageUpload } from './read-upload.ts';
import { imageUrl } from './urls.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const ProductParams = Type.Object({ id: Id }, { additionalProperties: false });
const ImageParams = Type.Object({ id: Id, imageId: Id }, { additionalProperties: false });
// `_csrf` spelled out (not CSRF_FIELD) because this runs at import time, before a circular import could finish.
const CsrfQuery = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

const backTo = (productId: number, notice: 'image-added' | 'image-deleted' | 'saved') => `/admin/products/${productId}?notice=${notice}#images`;

function showRefusal(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, productId: number, err: unknown) {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
  return renderAdminPage(ctx, request, reply, { title: 'Photo not saved', active: 'products', status: err.status }, (
    <section>
      <h1>Photo not saved</h1>
      <p role="alert">{err.message}</p>
      <p>
        <a href={`/admin/products/${productId}#images`}>Back to the product</a>
      </p>
    </section>
  ));
}

export function registerImagePages(app: App, ctx: AppContext): void {
  app.post(
    '/admin/products/:id/images',
    adminPage(ctx, 'catalog:write', { params: ProductParams, querystring: CsrfQuery }),
    async (request, reply) => {
      const productId = (request.params as { id: number }).id;
      try {
        const upload = await readImageUpload(request);
        await storeProductImage(ctx, productId, upload.data, upload.options);
      } catch (err) {
        return showRefusal(ctx, request, reply, productId, err);
      }
      return reply.redirect(backTo(productId, 'image-added'), 303);
    },
  );

  app.post(
    '/admin/products/:id/images/:imageId',
    adminPage(ctx, 'catalog:write', { params: ImageParams, body: FormBodySchema }),
    async (request, reply) => {
      const { id, imageId } = request.params as { id: number; imageId: number };
      const body = request.body as FormBody;
      const patch: ImagePatch = { alt: {} };
      for (const locale of SUPPORTED_LOCALES) if (body[`alt.${locale}`] !== undefined) patch.alt![locale] = formValue(body, `alt.${locale}`);
      const position = formValue(body, 'position').trim();
      try {
        if (position !== '') {
          if (!/^\d{1,5}$/.test(position)) throw new AppError(400, 'validation_failed', 'The position must be a whole number from 1');
          patch.position = Math.max(0, Number(position) - 1); // the form counts from 1
        }
        await updateProductImage(ctx, id, imageId, patch);
      } catch (err) {
        return showRefusal(ctx, request, reply, id, err);
      }
      return reply.redirect(backTo(id, 'saved'), 303);
    },
  );

  app.post(
    '/admin/products/:id/images/:imageId/delete',
    adminPage(ctx, 'catalog:write', { params: ImageParams, body: FormBodySchema }),
    async (request, reply) => {
      const { id, imageId } = request.params as { id: number; imageId: number };
      try {
        await deleteProductImage(ctx, id, imageId);
      } catch (err) {
        return showRefusal(ctx, request, reply, id, err);
      }
      return reply.redirect(backTo(id, 'image-deleted'), 303);
    },
  );
}

export interface ProductImagesPanelProps {
  productId: number;
  /** From listProductImages(ctx, productId). */
  images: ProductImage[];
  /** request.admin.csrf */
  csrf: string;
  defaultLocale: string;
}

/** The "Photos" section of the product edit page (id="images"): thumbnails, alt texts, order, delete, upload. */
export function ProductImagesPanel({ productId, images, csrf, defaultLocale }: ProductImagesPanelProps) {
  const base = `/admin/products/${productId}/images`;
  return (
    <section id="images" aria-labelledby="images-title">
      <h2 id="images-title">Photos</h2>
      {images.length === 0 ? (
        <p>No photos yet.</p>
      ) : (
        <ol class="plain stack">
          {images.map((image, n) => (
            <li class="card">
              <div class="actions">
                <img class="thumb" src={imageUrl(image.storage_key, 160, 'jpeg')} width={64} height={64} alt={image.alt[defaultLocale] ?? ''} loading="lazy" />
                <span>
                  {image.width}×{image.height}
                </span>
                <form method="post" action={`${base}/${image.id}/delete`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="danger">
                    Delete photo {n + 1}
                  </button>
                </form>
              </div>
              <details>
                <summary>Alt texts and position of photo {n + 1}</summary>
                <form method="post" action={`${base}/${image.id}`}>
                  <Csrf token={csrf} />
                  <div class="grid2">
                    {SUPPORTED_LOCALES.map((locale) => (
                      <div class="field">
                        <label for={`alt-${image.id}-${locale}`}>Alt text ({locale.toUpperCase()})</label>
                        <input id={`alt-${image.id}-${locale}`} type="text" name={`alt.${locale}`} value={image.alt[locale] ?? ''} maxLength={MAX_ALT_LENGTH} />
                      </div>
                    ))}
                    <div class="field">
                      <label for={`pos-${image.id}`}>Position</label>
                      <input id={`pos-${image.id}`} type="number" name="position" min={1} max={images.length} value={n + 1} />
                    </div>
                  </div>
                  <button type="submit" class="secondary">
                    Save photo {n + 1}
                  </button>
                </form>
              </details>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`${base}?${CSRF_FIELD}=${encodeURIComponent(csrf)}`} enctype="multipart/form-data">
        <fieldset>
          <legend>Add a photo</legend>
          <div class="field">
            <label for="image-file">Image file (JPEG, PNG, WebP, AVIF or GIF; at most 15 MB)</label>
            <input id="image-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" required />
          </div>
          <div class="grid2">
            {SUPPORTED_LOCALES.map((locale) => (
              <div class="field">
                <label for={`new-alt-${locale}`}>Alt text ({locale.toUpperCase()})</label>
                <input id={`new-alt-${locale}`} type="text" name={`alt.${locale}`} maxLength={MAX_ALT_LENGTH} />
              </div>
            ))}
          </div>
          <button type="submit">Upload photo</button>
        </fieldset>
      </form>
    </section>
  );
}

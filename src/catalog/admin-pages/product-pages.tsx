// Back-office pages for products: the list (search, filters, paging), new product, edit (general, texts, options,
// variants, attributes, relations, photos) and delete with confirmation. Forms post and redirect with a notice;
// a refused save re-renders the form with the messages beside the fields and the typed values kept.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  adminPage, Csrf, FormBodySchema, formatDate, noticeFrom, Pager, redirectAfterPost, renderAdminPage, renderNotFoundPage, Select, TextArea,
  TextField, fieldErrorsFrom, type FieldErrors, type FormBody,
} from '../../admin/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ProductImagesPanel } from '../images/index.ts';
import {
  createProduct, deleteProduct, getProductForAdmin, listProductsForAdmin, replaceProduct, setProductRelations, PRODUCT_STATUSES, RELATION_KINDS,
  type AdminProduct,
} from '../products/index.ts';
import { listAttributesForAdmin, listBrandsForAdmin, listCategoriesForAdmin, listCollectionsForAdmin, listProductTypesForAdmin } from '../taxonomy/index.ts';
import { ProductForm, type FormChoices } from './product-form.tsx';
import { inputFromValues, text, valuesFromProduct, type FormValues } from './product-form-values.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Code = Type.String({ maxLength: 64 });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal(''), ...PRODUCT_STATUSES.map((s) => Type.Literal(s))])),
  category: Type.Optional(Code),
  brand: Type.Optional(Code),
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  notice: Type.Optional(Type.String({ maxLength: 50 })),
});
const PER_PAGE = 25;
const RELATION_LABELS = { similar: 'Similar products', complementary: 'Complementary products (“you may also need”)', pairing: 'Pairings (“goes well with”)' } as const;

/** Everything the form's selects offer, and the currencies it shows: the default one and every one in use. */
async function formChoices(ctx: AppContext, product: AdminProduct | null): Promise<FormChoices> {
  const [types, brands, categories, collections, attributes, used] = await Promise.all([
    listProductTypesForAdmin(ctx), listBrandsForAdmin(ctx), listCategoriesForAdmin(ctx), listCollectionsForAdmin(ctx), listAttributesForAdmin(ctx),
    ctx.db.kysely.selectFrom('variant_prices').select('currency').distinct().orderBy('currency').execute(),
  ]);
  const currencies = [...new Set([ctx.config.defaultCurrency, ...used.map((r) => r.currency), ...(product?.variants.flatMap((v) => v.prices.map((p) => p.currency)) ?? [])])];
  return { types, brands, categories, collections, attributes, currencies, defaultLocale: ctx.config.defaultLocale };
}

/** Field errors of a refused save; other failures are bugs and propagate. */
function formErrors(err: unknown): { status: number; errors: FieldErrors } {
  if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403) {
    return { status: err.status, errors: fieldErrorsFrom(err.details, err.message) };
  }
  throw err;
}

export function registerProductPages(app: App, ctx: AppContext): void {
  const dl = ctx.config.defaultLocale;

  app.get('/admin/products', adminPage(ctx, 'catalog:read', { querystring: ListQuery }), async (request, reply) => {
    const query = request.query as { q?: string; status?: '' | (typeof PRODUCT_STATUSES)[number]; category?: string; brand?: string; page: number };
    const [result, categories, brands] = await Promise.all([
      listProductsForAdmin(ctx, { q: query.q, status: query.status || undefined, category: query.category || undefined, brand: query.brand || undefined, page: query.page, per_page: PER_PAGE }),
      listCategoriesForAdmin(ctx),
      listBrandsForAdmin(ctx),
    ]);
    return renderAdminPage(ctx, request, reply, { title: 'Products', active: 'products', notice: noticeFrom(request.query) }, (
      <>
        <h1>Products</h1>
        <p><a class="button" href="/admin/products/new">New product</a></p>
        <form method="get" action="/admin/products" class="filters" role="search">
          <TextField label="Name or SKU" name="q" type="search" value={query.q} maxLength={200} />
          <Select label="Status" name="status" value={query.status ?? ''} options={[{ value: '', label: 'All' }, ...PRODUCT_STATUSES.map((s) => ({ value: s, label: s }))]} />
          <Select label="Category" name="category" value={query.category ?? ''}
            options={[{ value: '', label: 'All' }, ...categories.map((c) => ({ value: c.code, label: `${'— '.repeat(c.depth)}${c.translations[dl]?.name ?? c.code}` }))]} />
          <Select label="Brand" name="brand" value={query.brand ?? ''} options={[{ value: '', label: 'All' }, ...brands.map((b) => ({ value: b.slug, label: b.name }))]} />
          <button type="submit" class="secondary">Filter</button>
        </form>
        {result.items.length === 0 ? (
          <p>No products match.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="skip">Products</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">SKUs</th><th scope="col">Status</th><th scope="col">Brand</th><th scope="col">Category</th><th scope="col">Languages</th><th scope="col">Changed</th></tr>
              </thead>
              <tbody>
                {result.items.map((p) => (
                  <tr>
                    <td><a href={`/admin/products/${p.id}`}>{p.name || `Product ${p.id}`}</a>{p.featured && <> <span class="badge">featured</span></>}</td>
                    <td>{p.skus.join(', ')}{p.variant_count > p.skus.length ? ` +${p.variant_count - p.skus.length}` : ''}</td>
                    <td><span class={`badge ${p.status}`}>{p.status}</span></td>
                    <td>{p.brand ?? '—'}</td>
                    <td>{p.category ?? '—'}</td>
                    <td>{p.locales.join(', ')}</td>
                    <td>{formatDate(p.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={query.page} perPage={PER_PAGE} total={result.total} base="/admin/products" query={{ q: query.q, status: query.status, category: query.category, brand: query.brand }} />
      </>
    ));
  });

  const showForm = async (request: FastifyRequest, reply: FastifyReply, opts: { product: AdminProduct | null; values?: FormValues; errors?: FieldErrors; relationErrors?: FieldErrors; relationValues?: FormValues; status?: number }) => {
    const { product } = opts;
    const choices = await formChoices(ctx, product);
    const values = opts.values ?? valuesFromProduct(product, choices.currencies, dl);
    const csrf = request.admin!.csrf;
    const title = product ? `Edit: ${product.translations[dl]?.name ?? Object.values(product.translations)[0]?.name ?? `product ${product.id}`}` : 'New product';
    return renderAdminPage(ctx, request, reply, { title, active: 'products', status: opts.status ?? 200, notice: noticeFrom(request.query) }, (
      <>
        <h1>{title}</h1>
        {product && (
          <div class="actions">
            <span class={`badge ${product.status}`}>{product.status}</span>
            {product.status === 'active' && product.translations[dl] && <a href={`/${dl}/p/${product.translations[dl]!.slug}`}>View in the shop</a>}
            <a href="#relations">Relations</a>
            <a href="#images">Photos</a>
            <a href={`/admin/products/${product.id}/delete`}>Delete…</a>
          </div>
        )}
        <ProductForm values={values} errors={opts.errors ?? {}} csrf={csrf} action={product ? `/admin/products/${product.id}` : '/admin/products'} choices={choices} />
        {product && <RelationsForm product={product} csrf={csrf} errors={opts.relationErrors ?? {}} values={opts.relationValues} />}
        {product && <ProductImagesPanel productId={product.id} images={product.images.map((i) => ({ ...i, product_id: product.id, created_at: '', url: '' }))} csrf={csrf} defaultLocale={dl} />}
      </>
    ));
  };

  app.get('/admin/products/new', adminPage(ctx, 'catalog:write'), async (request, reply) => showForm(request, reply, { product: null }));

  app.post('/admin/products', adminPage(ctx, 'catalog:write', { body: FormBodySchema }), async (request, reply) => {
    const values = request.body as FormBody;
    const choices = await formChoices(ctx, null);
    const { input, errors } = inputFromValues(values, null, choices.attributes, choices.currencies, dl);
    if (Object.keys(errors).length) return showForm(request, reply, { product: null, values, errors, status: 400 });
    try {
      const product = await createProduct(ctx, input);
      return redirectAfterPost(reply, `/admin/products/${product.id}`, 'created');
    } catch (err) {
      const { status, errors } = formErrors(err);
      return showForm(request, reply, { product: null, values, errors, status });
    }
  });

  app.get('/admin/products/:id', adminPage(ctx, 'catalog:write', { params: IdParams }), async (request, reply) => {
    const product = await getProductForAdmin(ctx, (request.params as { id: number }).id);
    if (!product) return renderNotFoundPage(ctx, request, reply, 'Product');
    return showForm(request, reply, { product });
  });

  app.post('/admin/products/:id', adminPage(ctx, 'catalog:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const product = await getProductForAdmin(ctx, (request.params as { id: number }).id);
    if (!product) return renderNotFoundPage(ctx, request, reply, 'Product');
    const values = request.body as FormBody;
    const choices = await formChoices(ctx, product);
    const { input, errors } = inputFromValues(values, product, choices.attributes, choices.currencies, dl);
    if (Object.keys(errors).length) return showForm(request, reply, { product, values, errors, status: 400 });
    try {
      await replaceProduct(ctx, product.id, input);
      return redirectAfterPost(reply, `/admin/products/${product.id}`, 'saved');
    } catch (err) {
      const { status, errors } = formErrors(err);
      return showForm(request, reply, { product, values, errors, status });
    }
  });

  app.post('/admin/products/:id/relations', adminPage(ctx, 'catalog:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const product = await getProductForAdmin(ctx, (request.params as { id: number }).id);
    if (!product) return renderNotFoundPage(ctx, request, reply, 'Product');
    const values = request.body as FormBody;
    const slugs = (kind: string) => text(values, `relations.${kind}`).split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    try {
      await setProductRelations(ctx, product.id, Object.fromEntries(RELATION_KINDS.map((k) => [k, slugs(k)])));
      return reply.redirect(`/admin/products/${product.id}?notice=saved#relations`, 303);
    } catch (err) {
      const { status, errors } = formErrors(err);
      // "/similar/2" → the similar field: the form has one text field per kind.
      const relationErrors: FieldErrors = {};
      for (const [name, message] of Object.entries(errors)) relationErrors[name ? `relations.${name.split('.')[0]}` : ''] ??= message;
      return showForm(request, reply, { product, relationErrors, relationValues: values, status });
    }
  });

  app.get('/admin/products/:id/delete', adminPage(ctx, 'catalog:write', { params: IdParams }), async (request, reply) => {
    const product = await getProductForAdmin(ctx, (request.params as { id: number }).id);
    if (!product) return renderNotFoundPage(ctx, request, reply, 'Product');
    const name = product.translations[dl]?.name ?? `Product ${product.id}`;
    return renderAdminPage(ctx, request, reply, { title: 'Delete product', active: 'products' }, (
      <section class="narrow">
        <h1>Delete “{name}”?</h1>
        <p>The product, its {product.variants.length} variant(s), prices, translations, photos, reviews and relations are removed. This cannot be undone.</p>
        <form method="post" action={`/admin/products/${product.id}/delete`} class="actions">
          <Csrf token={request.admin!.csrf} />
          <button type="submit" class="danger">Delete</button>
          <a href={`/admin/products/${product.id}`}>Cancel</a>
        </form>
      </section>
    ));
  });

  app.post('/admin/products/:id/delete', adminPage(ctx, 'catalog:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const id = (request.params as { id: number }).id;
    if (!(await getProductForAdmin(ctx, id))) return renderNotFoundPage(ctx, request, reply, 'Product');
    await deleteProduct(ctx, id);
    return redirectAfterPost(reply, '/admin/products', 'deleted');
  });
}

function RelationsForm({ product, csrf, errors, values }: { product: AdminProduct; csrf: string; errors: FieldErrors; values?: FormValues }) {
  return (
    <section id="relations" aria-labelledby="relations-title">
      <h2 id="relations-title">Relations</h2>
      <form method="post" action={`/admin/products/${product.id}/relations`} novalidate>
        <Csrf token={csrf} />
        {errors[''] && <p class="field-error" role="alert">{errors['']}</p>}
        {RELATION_KINDS.map((kind) => (
          <TextArea label={RELATION_LABELS[kind]} name={`relations.${kind}`} rows={2} errors={errors}
            value={values ? text(values, `relations.${kind}`) : product.relations[kind].map((r) => r.slug).join('\n')}
            hint="Product slugs, one per line, in display order." />
        ))}
        <button type="submit" class="secondary">Save relations</button>
      </form>
    </section>
  );
}

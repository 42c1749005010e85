// Store API of the catalogue: a product's detail by slug and the category tree. Public, read-only.
import { sendCachedJson } from '../../platform/http/http-cache.ts';
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { CURRENCIES, SUPPORTED_LOCALES, type CurrencyCode, type Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App, HttpModule } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { getCategoryTree, type CategoryNode } from '../read/categories.ts';
import { getProductDetail } from '../read/product-detail.ts';
import { REVIEW_SORTS, type ReviewSort } from '../read/reviews.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const LocaleParam = Type.Union(SUPPORTED_LOCALES.map((l) => Type.Literal(l)), { description: 'Default: the shop’s default locale' });
const CurrencyParam = Type.Union(Object.keys(CURRENCIES).map((c) => Type.Literal(c)), { description: 'Default: the shop’s default currency' });
const Slugs = Type.Record(Type.String(), Type.String(), { description: 'Slug per locale' });
const Stock = Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]);

const Card = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  brand: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  price: Nullable(Type.Object({ amount: Type.Integer(), currency: Type.String(), compare_at_amount: Nullable(Type.Integer()), from: Type.Boolean() })),
  image: Nullable(Type.Object({ storage_key: Type.String(), width: Type.Integer(), height: Type.Integer(), alt: Type.String() })),
  rating: Nullable(Type.Object({ average: Type.Number(), count: Type.Integer() })),
  stock: Stock,
});

export const ProductDetailSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String({ description: 'The slug in the requested locale (or the default locale’s)' }),
  text_locale: Type.String({ description: 'The locale the texts are in (the default locale when untranslated)' }),
  slug_mismatch: Type.Boolean({ description: 'The requested slug is not the canonical one for the locale' }),
  slugs: Slugs,
  name: Type.String(),
  short_description: Nullable(Type.String()),
  description: Nullable(Type.String()),
  keywords: Nullable(Type.String()),
  seo_title: Nullable(Type.String()),
  seo_description: Nullable(Type.String()),
  featured: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
  published_at: Nullable(Type.String()),
  brand: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  breadcrumb: Type.Array(Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String(), slugs: Slugs })),
  currency: Type.String(),
  price: Nullable(Type.Object({ amount: Type.Integer(), compare_at_amount: Nullable(Type.Integer()), from: Type.Boolean() })),
  stock: Stock,
  options: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), values: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })) })),
  variants: Type.Array(Type.Object({
    id: Type.Integer(),
    sku: Type.String(),
    barcode: Nullable(Type.String()),
    weight_grams: Nullable(Type.Number()),
    dimensions_mm: Nullable(Type.Object({ length: Type.Number(), width: Type.Number(), height: Type.Number() })),
    options: Type.Array(Type.Object({ option: Type.String(), name: Type.String(), value: Type.String(), label: Type.String() })),
    price: Nullable(Type.Object({ amount: Type.Integer(), compare_at_amount: Nullable(Type.Integer()) })),
    tier_prices: Type.Array(Type.Object({ min_quantity: Type.Integer(), amount: Type.Integer() })),
    stock: Type.Object({ status: Stock, available: Nullable(Type.Integer()) }),
  })),
  specifications: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), kind: Type.String(), value: Type.String(), variant_id: Nullable(Type.Integer()),
  })),
  images: Type.Array(Type.Object({
    id: Type.Integer(), storage_key: Type.String(), width: Type.Integer(), height: Type.Integer(), alt: Type.String(), variant_id: Nullable(Type.Integer()),
  })),
  rating: Type.Object({
    average: Nullable(Type.Number()),
    count: Type.Integer(),
    distribution: Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() }),
  }, { description: 'Approved buyer reviews only; expert ratings are never mixed in' }),
  reviews: Type.Object({
    items: Type.Array(Type.Object({
      id: Type.Integer(), author_name: Type.String(), locale: Type.String(), rating: Type.Integer(), title: Type.String(), body: Type.String(),
      verified_purchase: Type.Boolean(), helpful_votes: Type.Integer(), created_at: Type.String(),
    })),
    page: Type.Integer(), per_page: Type.Integer(), total: Type.Integer(), sort: Type.String(),
  }),
  expert_ratings: Type.Array(Type.Object({
    source: Type.String(), score: Type.Number(), scale_max: Type.Number(), note: Nullable(Type.String()), reviewed_on: Nullable(Type.String()),
  })),
  related: Type.Object({
    similar: Type.Array(Card), complementary: Type.Array(Card), pairing: Type.Array(Card),
    similar_computed: Type.Boolean({ description: 'similar was computed from shared category and attributes, not curated' }),
  }),
});

interface CategoryJson { id: number; slug: string; name: string; slugs: Partial<Record<Locale, string>>; product_count: number; children: CategoryJson[] }
// The tree nests a fixed number of levels (plenty for a shop's navigation); a recursive $ref would work for
// validation but not for every response serialiser, and the nesting keeps the OpenAPI document self-explanatory.
const MAX_DEPTH = 6;
function categorySchema(depth: number): ReturnType<typeof Type.Object> {
  return Type.Object({
    id: Type.Integer(),
    slug: Type.String(),
    name: Type.String(),
    slugs: Slugs,
    product_count: Type.Integer({ description: 'Active products in the category and its subcategories' }),
    children: depth > 1 ? Type.Array(categorySchema(depth - 1)) : Type.Array(Type.Unknown(), { maxItems: 0 }),
  });
}
const CategorySchema = categorySchema(MAX_DEPTH);

const toJson = (n: CategoryNode): CategoryJson => ({
  id: n.id, slug: n.slug, name: n.name, slugs: n.slugs, product_count: n.product_count, children: n.children.map(toJson),
});

export const catalogStoreModule: HttpModule = {
  name: 'catalog-store',
  register(app: App, ctx: AppContext) {
    app.get(
      '/api/store/products/:slug',
      {
        schema: {
          tags: ['store'],
          summary: 'A product’s detail by slug',
          description:
            'Everything a product page shows: texts (falling back to the default locale), variants with prices, tier prices and ' +
            'stock, specifications, images, approved reviews (paged) with their summary, expert ratings, and related products. ' +
            'A slug of another locale also finds the product; `slug` then holds the one for the requested locale.',
          params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
          querystring: Type.Object({
            locale: Type.Optional(LocaleParam),
            currency: Type.Optional(CurrencyParam),
            reviews_page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
            reviews_per_page: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
            reviews_sort: Type.Union(REVIEW_SORTS.map((s) => Type.Literal(s)), { default: 'newest' }),
          }, { additionalProperties: false }),
          response: { 200: ProductDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { slug } = request.params as { slug: string };
        const q = request.query as { locale?: Locale; currency?: CurrencyCode; reviews_page: number; reviews_per_page: number; reviews_sort: ReviewSort };
        return sendCachedJson(ctx, request, reply, async () => {
          const detail = await getProductDetail(ctx, {
            slug,
            locale: q.locale ?? ctx.config.defaultLocale,
            currency: q.currency ?? ctx.config.defaultCurrency,
            reviews_page: q.reviews_page,
            reviews_per_page: q.reviews_per_page,
            reviews_sort: q.reviews_sort,
          });
          if (!detail) throw notFound('Product', { slug });
          return detail;
        });
      },
    );

    app.get(
      '/api/store/categories',
      {
        schema: {
          tags: ['store'],
          summary: 'The category tree',
          description: 'Root categories in display order, each with its children and the number of active products in its subtree.',
          querystring: Type.Object({ locale: Type.Optional(LocaleParam) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(CategorySchema) }), 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const { locale } = request.query as { locale?: Locale };
        return sendCachedJson(ctx, request, reply, async () => {
          const tree = await getCategoryTree(ctx, locale ?? ctx.config.defaultLocale, { counts: true });
          return { items: tree.roots.map(toJson) };
        });
      },
    );
  },
};

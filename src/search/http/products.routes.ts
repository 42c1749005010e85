// GET /api/store/products: storefront search and category listing.
import { sendCachedJson } from '../../platform/http/http-cache.ts';
import { Type, type Static } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { CURRENCIES, SUPPORTED_LOCALES, type CurrencyCode, type Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App, HttpModule } from '../../platform/http/app.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, searchProducts } from '../search.service.ts';
import { SORT_KEYS, type SortKey } from '../search.types.ts';

const ATTR_PATTERN = '^attr\\.[a-z0-9][a-z0-9_-]*$';
const Amount = Type.Integer({ minimum: 0, maximum: 1e15, description: 'Integer minor units of `currency`' });

export const ProductsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to search for; typos are tolerated, the last word matches as a prefix' })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Category slug; lists its whole subtree' })),
    brand: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Brand slug' })),
    min_price: Type.Optional(Amount),
    max_price: Type.Optional(Amount),
    min_rating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
    in_stock: Type.Optional(Type.Boolean({ description: 'true: only products in stock' })),
    featured: Type.Optional(Type.Boolean({ description: 'true: only featured products' })),
    sort: Type.Optional(Type.Union(SORT_KEYS.map((k) => Type.Literal(k)), { description: 'Default: relevance with q, else newest' })),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    per_page: Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }),
    locale: Type.Optional(Type.Union(SUPPORTED_LOCALES.map((l) => Type.Literal(l)))),
    currency: Type.Optional(Type.Union(Object.keys(CURRENCIES).map((c) => Type.Literal(c)))),
  },
  {
    additionalProperties: false,
    // attr.<code>=v1&attr.<code>=v2 or attr.<code>=v1,v2: enum option codes, true/false, or min..max for numbers.
    patternProperties: {
      [ATTR_PATTERN]: Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
    },
  },
);
type ProductsQueryT = Static<typeof ProductsQuery> & Record<`attr.${string}`, string[] | undefined>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ProductCardSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  brand: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  price: Nullable(Type.Object({ amount: Type.Integer(), currency: Type.String(), compare_at_amount: Nullable(Type.Integer()), from: Type.Boolean() })),
  image: Nullable(Type.Object({ storage_key: Type.String(), width: Type.Integer(), height: Type.Integer(), alt: Type.String() })),
  rating: Nullable(Type.Object({ average: Type.Number(), count: Type.Integer() })),
  stock: Type.Union([Type.Literal('in_stock'), Type.Literal('low_stock'), Type.Literal('out_of_stock')]),
});

const FacetValueSchema = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer(), selected: Type.Boolean() });

export const SearchResultSchema = Type.Object({
  items: Type.Array(ProductCardSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
  facets: Type.Object({
    categories: Type.Array(FacetValueSchema),
    brands: Type.Array(FacetValueSchema),
    attributes: Type.Array(Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Type.Union([Type.Literal('enum'), Type.Literal('boolean'), Type.Literal('number')]),
      unit: Nullable(Type.String()),
      values: Type.Array(FacetValueSchema),
    })),
    price: Type.Object({
      currency: Type.String(),
      min: Nullable(Type.Integer()),
      max: Nullable(Type.Integer()),
      ranges: Type.Array(Type.Object({ min: Type.Integer(), max: Nullable(Type.Integer()), count: Type.Integer() })),
    }),
    rating: Type.Array(Type.Object({ min: Type.Number(), count: Type.Integer() })),
    in_stock: Type.Object({ count: Type.Integer() }),
  }),
});

/** attr.<code> parameters, each split on commas. */
export function attributeParams(query: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith('attr.')) continue;
    const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
    out[key.slice('attr.'.length)] = list;
  }
  return out;
}

export const searchModule: HttpModule = {
  name: 'search',
  register(app: App, ctx: AppContext) {
    app.get(
      '/api/store/products',
      {
        schema: {
          tags: ['store'],
          summary: 'Search and filter products',
          description:
            'Full-text search (typo tolerant), filters, sorting and paging, with disjunctive facet counts.\n\n' +
            'Attribute filters: `attr.<code>=<value>`, repeatable or comma-separated (e.g. `attr.grape=merlot,shiraz`, ' +
            '`attr.organic=true`, `attr.vintage=2015..2020`). Values are enum option codes, `true`/`false`, or a number ' +
            'or `min..max` range (either end optional) for number attributes. Values of one attribute are OR-ed, ' +
            'different attributes AND-ed. An unknown category, brand or attribute gives zero results.',
          querystring: ProductsQuery,
          response: { 200: SearchResultSchema, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const query = request.query as ProductsQueryT;
        return sendCachedJson(ctx, request, reply, () => searchProducts(ctx, {
          q: query.q,
          category: query.category,
          brand: query.brand,
          attributes: attributeParams(query),
          min_price: query.min_price,
          max_price: query.max_price,
          min_rating: query.min_rating,
          in_stock: query.in_stock,
          featured: query.featured,
          sort: query.sort as SortKey | undefined,
          page: query.page,
          per_page: query.per_page,
          locale: (query.locale as Locale | undefined) ?? ctx.config.defaultLocale,
          currency: (query.currency as CurrencyCode | undefined) ?? ctx.config.defaultCurrency,
        }));
      },
    );
  },
};

// Shapes of the product admin API: the list, the whole product as the back office reads it (ProductInput plus ids,
// timestamps, photos and relations), the status patch and the curated relations. The create and replace bodies are
// ProductInput itself (../product-input.ts).
import { Type, type Static } from 'typebox';
import { AttributeValueInput, OptionInput, PriceInput, ProductTranslationInput, TierPriceInput } from '../product-input.ts';

const Id = Type.Integer({ minimum: 1 });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);
export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export const RELATION_KINDS = ['similar', 'complementary', 'pairing'] as const;

export const ProductListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of a name (any locale) or of a SKU' })),
    status: Type.Optional(Status),
    category: Type.Optional(Type.String({ maxLength: 64, description: 'Category code; includes its subcategories' })),
    brand: Type.Optional(Type.String({ maxLength: 64, description: 'Brand slug' })),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    per_page: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductListItem = Type.Object({
  id: Type.Integer(),
  status: Status,
  featured: Type.Boolean(),
  name: Type.String({ description: 'In the default locale' }),
  slug: Type.String(),
  brand: Type.Union([Type.String(), Type.Null()], { description: 'Brand name' }),
  category: Type.Union([Type.String(), Type.Null()], { description: 'Primary category code' }),
  skus: Type.Array(Type.String()),
  variant_count: Type.Integer(),
  locales: Type.Array(Type.String()),
  updated_at: Type.String(),
});
export type ProductListItem = Static<typeof ProductListItem>;

export const ProductList = Type.Object({
  items: Type.Array(ProductListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
});
export type ProductList = Static<typeof ProductList>;

const AdminVariant = Type.Object({
  id: Type.Integer(),
  sku: Type.String(),
  barcode: Type.Optional(Type.String()),
  weight_grams: Type.Optional(Type.Integer()),
  length_mm: Type.Optional(Type.Integer()),
  width_mm: Type.Optional(Type.Integer()),
  height_mm: Type.Optional(Type.Integer()),
  options: Type.Optional(Type.Record(Type.String(), Type.String())),
  prices: Type.Array(PriceInput),
  tier_prices: Type.Array(TierPriceInput),
  attributes: Type.Optional(Type.Record(Type.String(), AttributeValueInput)),
});

export const AdminImage = Type.Object({
  id: Type.Integer(),
  storage_key: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  position: Type.Integer(),
  variant_id: Type.Union([Type.Integer(), Type.Null()]),
  alt: Type.Record(Type.String(), Type.String(), { description: 'Alt text per locale' }),
});

const RelatedProduct = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() });
export const AdminRelations = Type.Object({
  similar: Type.Array(RelatedProduct),
  complementary: Type.Array(RelatedProduct),
  pairing: Type.Array(RelatedProduct),
});

export const AdminProduct = Type.Object({
  id: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  status: Status,
  type: Type.Optional(Type.String()),
  brand: Type.Optional(Type.String()),
  categories: Type.Array(Type.String()),
  collections: Type.Array(Type.String()),
  featured: Type.Boolean(),
  allow_backorder: Type.Boolean(),
  tax_class: Type.String(),
  tags: Type.Array(Type.String()),
  published_at: Type.Optional(Type.String()),
  translations: Type.Record(Type.String(), ProductTranslationInput),
  options: Type.Array(OptionInput),
  variants: Type.Array(AdminVariant),
  attributes: Type.Record(Type.String(), AttributeValueInput),
  images: Type.Array(AdminImage),
  relations: AdminRelations,
});
export type AdminProduct = Static<typeof AdminProduct>;
export type AdminVariant = Static<typeof AdminVariant>;
export type AdminRelations = Static<typeof AdminRelations>;

export const ProductPatch = Type.Object(
  { status: Type.Optional(Status), featured: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type ProductPatch = Static<typeof ProductPatch>;

const SlugList = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 });
export const RelationsInput = Type.Object(
  {
    similar: Type.Optional(SlugList),
    complementary: Type.Optional(SlugList),
    pairing: Type.Optional(SlugList),
  },
  {
    additionalProperties: false,
    description: 'Product slugs (in any locale), in display order. The three lists replace the stored ones; a kind left out is cleared.',
  },
);
export type RelationsInput = Static<typeof RelationsInput>;

export { Id as ProductId };

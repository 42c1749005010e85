// Shapes of the taxonomy admin API. Inputs are the import's (so a hand-made category obeys the bulk rules), with
// the collection's ordered products added; outputs add ids and usage counts.
import { Type, type Static } from 'typebox';
import { AttributeInput, BrandInput, CategoryInput, CollectionInput, ProductTypeInput } from '../import/index.ts';

export { AttributeInput, BrandInput, CategoryInput, ProductTypeInput };

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Localized = <T extends Parameters<typeof Type.Record>[1]>(value: T) => Type.Record(Type.String(), value, { description: 'Keyed by locale' });

export const CollectionAdminInput = Type.Object(
  {
    ...CollectionInput.properties,
    products: Type.Optional(
      Type.Array(Type.Union([Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), Type.String({ minLength: 1, maxLength: 200 })]), {
        maxItems: 1000,
        description: 'Product ids or slugs (any locale), in display order',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CollectionAdminInput = Static<typeof CollectionAdminInput>;

export const AdminCategory = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  parent: Nullable(Type.String()),
  position: Type.Integer(),
  depth: Type.Integer({ description: '0 for a top-level category' }),
  product_count: Type.Integer(),
  translations: Localized(Type.Object({
    name: Type.String(), slug: Type.String(), description: Type.Optional(Type.String()),
    seo_title: Type.Optional(Type.String()), seo_description: Type.Optional(Type.String()),
  })),
});
export type AdminCategory = Static<typeof AdminCategory>;

export const AdminBrand = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  product_count: Type.Integer(),
});
export type AdminBrand = Static<typeof AdminBrand>;

export const AdminAttribute = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('enum'), Type.Literal('boolean')]),
  unit: Type.Optional(Type.String()),
  filterable: Type.Boolean(),
  position: Type.Integer(),
  names: Localized(Type.String()),
  options: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), labels: Localized(Type.String()) })),
  value_count: Type.Integer({ description: 'Stored product and variant values' }),
});
export type AdminAttribute = Static<typeof AdminAttribute>;

export const AdminProductType = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  attributes: Type.Array(Type.String()),
  product_count: Type.Integer(),
});
export type AdminProductType = Static<typeof AdminProductType>;

export const AdminCollection = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  featured: Type.Boolean(),
  translations: Localized(Type.Object({ name: Type.String(), slug: Type.String(), description: Type.Optional(Type.String()) })),
  products: Type.Array(Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() })),
});
export type AdminCollection = Static<typeof AdminCollection>;

export type BrandInput = Static<typeof BrandInput>;
export type ProductTypeInput = Static<typeof ProductTypeInput>;

import { Type, type Static } from 'typebox';

// The shape in which a whole product enters the catalogue: the admin API's create body, the demo seed, the bulk
// generator and (later) CSV import all speak it. Related things are named by code or slug, not by id, so inputs
// read well and survive a re-import.

const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+(?:-[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+)*$' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Amount = Type.Integer({ minimum: 0, maximum: 1e15, description: 'Integer minor units of the currency' });
const ShortText = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Localized = <T extends Parameters<typeof Type.Record>[1]>(value: T) =>
  Type.Record(Type.String({ pattern: '^(en|id|th|fil|es)$' }), value, { description: 'Keyed by locale: en, id, th, fil, es' });

export const ProductTranslationInput = Type.Object(
  {
    name: ShortText(200),
    slug: Type.Optional(Slug),
    short_description: Type.Optional(Type.String({ maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 50_000 })),
    keywords: Type.Optional(Type.String({ maxLength: 1000 })),
    seo_title: Type.Optional(Type.String({ maxLength: 200 })),
    seo_description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AttributeValueInput = Type.Union([
  Type.String({ maxLength: 500 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Code, { maxItems: 50, description: 'Several enumeration option codes' }),
]);

export const PriceInput = Type.Object(
  {
    currency: Currency,
    amount: Amount,
    compare_at_amount: Type.Optional(Amount),
    cost_amount: Type.Optional(Amount),
  },
  { additionalProperties: false },
);

export const TierPriceInput = Type.Object(
  { currency: Currency, min_quantity: Type.Integer({ minimum: 2, maximum: 1_000_000 }), amount: Amount },
  { additionalProperties: false },
);

export const VariantInput = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$' }),
    barcode: Type.Optional(Type.String({ maxLength: 64, pattern: '^[0-9A-Za-z-]*$' })),
    weight_grams: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    length_mm: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    width_mm: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    height_mm: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    /** Option code → value code, e.g. { size: "m", colour: "indigo" }. */
    options: Type.Optional(Type.Record(Code, Code)),
    prices: Type.Array(PriceInput, { minItems: 1, maxItems: 20 }),
    tier_prices: Type.Optional(Type.Array(TierPriceInput, { maxItems: 50 })),
    /** Attribute values that differ per variant. */
    attributes: Type.Optional(Type.Record(Code, AttributeValueInput)),
  },
  { additionalProperties: false },
);

export const OptionInput = Type.Object(
  {
    code: Code,
    names: Localized(ShortText(100)),
    values: Type.Array(
      Type.Object({ code: Code, labels: Localized(ShortText(100)) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const ProductInput = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')])),
    /** Product type code: which attributes apply. */
    type: Type.Optional(Code),
    /** Brand slug. */
    brand: Type.Optional(Code),
    /** Category codes; the first is the primary category (breadcrumbs, canonical listing). */
    categories: Type.Optional(Type.Array(Code, { maxItems: 20 })),
    collections: Type.Optional(Type.Array(Code, { maxItems: 20 })),
    featured: Type.Optional(Type.Boolean()),
    allow_backorder: Type.Optional(Type.Boolean()),
    tax_class: Type.Optional(Code),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
    published_at: Type.Optional(Type.String({ format: 'date-time' })),
    /** Must contain the shop's default locale; other locales fall back to it. */
    translations: Localized(ProductTranslationInput),
    options: Type.Optional(Type.Array(OptionInput, { maxItems: 5 })),
    variants: Type.Array(VariantInput, { minItems: 1, maxItems: 250 }),
    /** Product-level attribute values by attribute code: enum option code(s), number, text or boolean. */
    attributes: Type.Optional(Type.Record(Code, AttributeValueInput)),
  },
  { additionalProperties: false },
);

export type ProductInput = Static<typeof ProductInput>;
export type VariantInput = Static<typeof VariantInput>;
export type ProductTranslationInput = Static<typeof ProductTranslationInput>;

import type { Generated } from 'kysely';

// Row types of the catalogue's tables (see migrations/). Booleans are 0 | 1; timestamps are ISO-8601 UTC strings;
// amounts are integer minor units of `currency`.

export interface BrandsTable { id: Generated<number>; slug: string; name: string; description: string | null }

export interface CategoriesTable { id: Generated<number>; parent_id: number | null; code: string; position: Generated<number> }
export interface CategoryTranslationsTable {
  category_id: number; locale: string; name: string; slug: string;
  description: string | null; seo_title: string | null; seo_description: string | null;
}

export interface CollectionsTable { id: Generated<number>; code: string; featured: Generated<number> }
export interface CollectionTranslationsTable {
  collection_id: number; locale: string; name: string; slug: string; description: string | null;
}
export interface CollectionProductsTable { collection_id: number; product_id: number; position: Generated<number> }

export type AttributeKind = 'text' | 'number' | 'enum' | 'boolean';
export interface AttributesTable {
  id: Generated<number>; code: string; kind: AttributeKind; unit: string | null;
  filterable: Generated<number>; position: Generated<number>;
}
export interface AttributeTranslationsTable { attribute_id: number; locale: string; name: string }
export interface AttributeOptionsTable { id: Generated<number>; attribute_id: number; code: string; position: Generated<number> }
export interface AttributeOptionTranslationsTable { option_id: number; locale: string; label: string }

export interface ProductTypesTable { id: Generated<number>; code: string; name: string }
export interface ProductTypeAttributesTable { product_type_id: number; attribute_id: number; position: Generated<number> }

export type ProductStatus = 'draft' | 'active' | 'archived';
export interface ProductsTable {
  id: Generated<number>;
  product_type_id: number | null;
  brand_id: number | null;
  primary_category_id: number | null;
  status: Generated<ProductStatus>;
  featured: Generated<number>;
  allow_backorder: Generated<number>;
  tax_class: Generated<string>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  published_at: string | null;
}
export interface ProductTranslationsTable {
  product_id: number; locale: string; name: string; slug: string;
  short_description: string | null; description: string | null; keywords: string | null;
  seo_title: string | null; seo_description: string | null;
}
export interface ProductCategoriesTable { product_id: number; category_id: number }
export interface ProductTagsTable { product_id: number; tag: string }

export interface ProductOptionsTable { id: Generated<number>; product_id: number; code: string; position: Generated<number> }
export interface ProductOptionTranslationsTable { option_id: number; locale: string; name: string }
export interface ProductOptionValuesTable { id: Generated<number>; option_id: number; code: string; position: Generated<number> }
export interface ProductOptionValueTranslationsTable { value_id: number; locale: string; label: string }

export interface VariantsTable {
  id: Generated<number>; product_id: number; sku: string; barcode: string | null;
  weight_grams: number | null; length_mm: number | null; width_mm: number | null; height_mm: number | null;
  position: Generated<number>;
}
export interface VariantOptionValuesTable { variant_id: number; value_id: number }
export interface VariantPricesTable {
  variant_id: number; currency: string; amount: number; compare_at_amount: number | null; cost_amount: number | null;
}
export interface TierPricesTable { variant_id: number; currency: string; min_quantity: number; amount: number }

export interface ProductAttributeValuesTable {
  id: Generated<number>; product_id: number; variant_id: number | null; attribute_id: number;
  option_id: number | null; text_value: string | null; number_value: number | null; boolean_value: number | null;
}

export interface ProductImagesTable {
  id: Generated<number>; product_id: number; variant_id: number | null; storage_key: string;
  width: number; height: number; position: Generated<number>; created_at: Generated<string>;
}
export interface ProductImageTranslationsTable { image_id: number; locale: string; alt: string }

export type ReviewStatus = 'pending' | 'approved' | 'rejected';
export interface ProductReviewsTable {
  id: Generated<number>; product_id: number; author_name: string; customer_id: number | null; locale: string;
  rating: number; title: string; body: string; verified_purchase: Generated<number>; helpful_votes: Generated<number>;
  status: Generated<ReviewStatus>; created_at: Generated<string>;
}
export interface ExpertRatingsTable {
  id: Generated<number>; product_id: number; source: string; score: number; scale_max: number;
  note: string | null; reviewed_on: string | null; position: Generated<number>;
}

export type RelationKind = 'similar' | 'complementary' | 'pairing';
export interface ProductRelationsTable { product_id: number; related_product_id: number; kind: RelationKind; position: Generated<number> }
export interface ProductStatsTable { product_id: number; units_sold: Generated<number> }

export interface CatalogTables {
  brands: BrandsTable;
  categories: CategoriesTable;
  category_translations: CategoryTranslationsTable;
  collections: CollectionsTable;
  collection_translations: CollectionTranslationsTable;
  collection_products: CollectionProductsTable;
  attributes: AttributesTable;
  attribute_translations: AttributeTranslationsTable;
  attribute_options: AttributeOptionsTable;
  attribute_option_translations: AttributeOptionTranslationsTable;
  product_types: ProductTypesTable;
  product_type_attributes: ProductTypeAttributesTable;
  products: ProductsTable;
  product_translations: ProductTranslationsTable;
  product_categories: ProductCategoriesTable;
  product_tags: ProductTagsTable;
  product_options: ProductOptionsTable;
  product_option_translations: ProductOptionTranslationsTable;
  product_option_values: ProductOptionValuesTable;
  product_option_value_translations: ProductOptionValueTranslationsTable;
  variants: VariantsTable;
  variant_option_values: VariantOptionValuesTable;
  variant_prices: VariantPricesTable;
  tier_prices: TierPricesTable;
  product_attribute_values: ProductAttributeValuesTable;
  product_images: ProductImagesTable;
  product_image_translations: ProductImageTranslationsTable;
  product_reviews: ProductReviewsTable;
  expert_ratings: ExpertRatingsTable;
  product_relations: ProductRelationsTable;
  product_stats: ProductStatsTable;
}

import type { Kysely } from 'kysely';
import { between, nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

// The catalogue: products and everything that describes them. Translatable text lives in *_translations
// tables keyed by (owner, locale); booleans are 0/1 integers; money is integer minor units per currency.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const now = nowDefault(db);

  await withId(db, db.schema.createTable('brands'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();

  await withId(db, db.schema.createTable('categories'))
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id').onDelete('restrict'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('categories_parent').on('categories').column('parent_id').execute();
  await db.schema.createTable('category_translations')
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addPrimaryKeyConstraint('category_translations_pk', ['category_id', 'locale'])
    .addUniqueConstraint('category_translations_slug', ['locale', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('collections'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('collection_translations')
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addPrimaryKeyConstraint('collection_translations_pk', ['collection_id', 'locale'])
    .addUniqueConstraint('collection_translations_slug', ['locale', 'slug'])
    .execute();

  // Attributes are shared definitions ("grape", "vintage", "size"); product types say which apply.
  await withId(db, db.schema.createTable('attributes'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['text', 'number', 'enum', 'boolean'])))
    .addColumn('unit', 'text')
    .addColumn('filterable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('attribute_translations')
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attribute_translations_pk', ['attribute_id', 'locale'])
    .execute();
  await withId(db, db.schema.createTable('attribute_options'))
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('attribute_options_code', ['attribute_id', 'code'])
    .execute();
  await db.schema.createTable('attribute_option_translations')
    .addColumn('option_id', 'integer', (c) => c.notNull().references('attribute_options.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attribute_option_translations_pk', ['option_id', 'locale'])
    .execute();

  await withId(db, db.schema.createTable('product_types'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('product_type_attributes')
    .addColumn('product_type_id', 'integer', (c) => c.notNull().references('product_types.id').onDelete('cascade'))
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('product_type_attributes_pk', ['product_type_id', 'attribute_id'])
    .execute();

  await withId(db, db.schema.createTable('products'))
    .addColumn('product_type_id', 'integer', (c) => c.references('product_types.id').onDelete('set null'))
    .addColumn('brand_id', 'integer', (c) => c.references('brands.id').onDelete('set null'))
    .addColumn('primary_category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(oneOf('status', ['draft', 'active', 'archived'])))
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_backorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_class', 'text', (c) => c.notNull().defaultTo('standard'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(now))
    .addColumn('published_at', ts)
    .execute();
  await db.schema.createIndex('products_status_created').on('products').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('products_brand').on('products').column('brand_id').execute();
  await db.schema.createTable('product_translations')
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('short_description', 'text')
    .addColumn('description', 'text')
    .addColumn('keywords', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addPrimaryKeyConstraint('product_translations_pk', ['product_id', 'locale'])
    .addUniqueConstraint('product_translations_slug', ['locale', 'slug'])
    .execute();
  await db.schema.createTable('product_categories')
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('product_categories_pk', ['product_id', 'category_id'])
    .execute();
  await db.schema.createIndex('product_categories_category').on('product_categories').columns(['category_id', 'product_id']).execute();
  await db.schema.createTable('product_tags')
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_tags_pk', ['product_id', 'tag'])
    .execute();
  await db.schema.createIndex('product_tags_tag').on('product_tags').column('tag').execute();
  await db.schema.createTable('collection_products')
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('collection_products_pk', ['collection_id', 'product_id'])
    .execute();

  // Options (e.g. size, colour) and their values; each variant picks one value per option.
  await withId(db, db.schema.createTable('product_options'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('product_options_code', ['product_id', 'code'])
    .execute();
  await db.schema.createTable('product_option_translations')
    .addColumn('option_id', 'integer', (c) => c.notNull().references('product_options.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_option_translations_pk', ['option_id', 'locale'])
    .execute();
  await withId(db, db.schema.createTable('product_option_values'))
    .addColumn('option_id', 'integer', (c) => c.notNull().references('product_options.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('product_option_values_code', ['option_id', 'code'])
    .execute();
  await db.schema.createTable('product_option_value_translations')
    .addColumn('value_id', 'integer', (c) => c.notNull().references('product_option_values.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_option_value_translations_pk', ['value_id', 'locale'])
    .execute();

  await withId(db, db.schema.createTable('variants'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('sku', 'text', (c) => c.notNull().unique())
    .addColumn('barcode', 'text')
    .addColumn('weight_grams', 'integer')
    .addColumn('length_mm', 'integer')
    .addColumn('width_mm', 'integer')
    .addColumn('height_mm', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('variants_product').on('variants').column('product_id').execute();
  await db.schema.createTable('variant_option_values')
    .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    .addColumn('value_id', 'integer', (c) => c.notNull().references('product_option_values.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('variant_option_values_pk', ['variant_id', 'value_id'])
    .execute();

  await db.schema.createTable('variant_prices')
    .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('compare_at_amount', 'bigint')
    .addColumn('cost_amount', 'bigint')
    .addPrimaryKeyConstraint('variant_prices_pk', ['variant_id', 'currency'])
    .execute();
  // "From 6 bottles, 180 000 each": the unit price that applies from min_quantity upwards.
  await db.schema.createTable('tier_prices')
    .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('min_quantity', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tier_prices_pk', ['variant_id', 'currency', 'min_quantity'])
    .execute();

  // Values of typed attributes. variant_id is null for a value that holds for the whole product.
  await withId(db, db.schema.createTable('product_attribute_values'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('variant_id', 'integer', (c) => c.references('variants.id').onDelete('cascade'))
    .addColumn('attribute_id', 'integer', (c) => c.notNull().references('attributes.id').onDelete('cascade'))
    .addColumn('option_id', 'integer', (c) => c.references('attribute_options.id').onDelete('cascade'))
    .addColumn('text_value', 'text')
    .addColumn('number_value', 'double precision')
    .addColumn('boolean_value', 'integer')
    .execute();
  await db.schema.createIndex('product_attribute_values_product').on('product_attribute_values').column('product_id').execute();
  await db.schema.createIndex('product_attribute_values_attr').on('product_attribute_values').columns(['attribute_id', 'option_id']).execute();

  // Images: the original is kept; responsive WebP/AVIF renditions are derived from storage_key.
  await withId(db, db.schema.createTable('product_images'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('variant_id', 'integer', (c) => c.references('variants.id').onDelete('set null'))
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('product_images_product').on('product_images').columns(['product_id', 'position']).execute();
  await db.schema.createTable('product_image_translations')
    .addColumn('image_id', 'integer', (c) => c.notNull().references('product_images.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_image_translations_pk', ['image_id', 'locale'])
    .execute();

  // Buyer reviews and expert ratings are separate tables on purpose: they are never averaged together.
  await withId(db, db.schema.createTable('product_reviews'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull().check(between('rating', 1, 5)))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('verified_purchase', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(oneOf('status', ['pending', 'approved', 'rejected'])))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('product_reviews_product').on('product_reviews').columns(['product_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('product_reviews_status').on('product_reviews').columns(['status', 'created_at']).execute();

  await withId(db, db.schema.createTable('expert_ratings'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('scale_max', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('expert_ratings_product').on('expert_ratings').column('product_id').execute();

  await db.schema.createTable('product_relations')
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('related_product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['similar', 'complementary', 'pairing'])))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('product_relations_pk', ['product_id', 'kind', 'related_product_id'])
    .execute();

  // Sales figures the catalogue sorts by; the orders module keeps them current from its events.
  await db.schema.createTable('product_stats')
    .addColumn('product_id', 'integer', (c) => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('units_sold', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'product_stats', 'product_relations', 'expert_ratings', 'product_reviews', 'product_image_translations',
    'product_images', 'product_attribute_values', 'tier_prices', 'variant_prices', 'variant_option_values', 'variants',
    'product_option_value_translations', 'product_option_values', 'product_option_translations', 'product_options',
    'collection_products', 'product_tags', 'product_categories', 'product_translations', 'products',
    'product_type_attributes', 'product_types', 'attribute_option_translations', 'attribute_options',
    'attribute_translations', 'attributes', 'collection_translations', 'collections', 'category_translations',
    'categories', 'brands',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}


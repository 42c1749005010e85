// The catalogue's public surface: other modules import from here, never from its files or tables.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';

export async function countProducts(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export { loadProductCards, type ProductCard, type CardOptions } from './read/product-cards.ts';
export { importProducts, importTaxonomy, slugify, TaxonomyInput, type ImportOptions, type TaxonomyResult } from './import/index.ts';
export { findVariantsBySku, findVariantsById, type VariantRef } from './read/variant-lookup.ts';
export { loadPurchasables, unitPriceFor, type Purchasable, type TierPrice } from './read/purchasables.ts';

// Product photos and buyer reviews / expert ratings, write side. Their HTTP modules and the admin photo panel are
// imported from ./images/index.ts and ./reviews/index.ts directly (they depend on the admin shell).
export {
  storeProductImage, listProductImages, getProductImage, updateProductImage, updateImageAlt, reorderImages, deleteProductImage,
  type StoreImageOptions, type StoredImage, type ProductImage, type ImagePatch,
} from './images/images.service.ts';
export {
  submitReview, findReviewableProduct, voteHelpful, listReviewsForAdmin, getReviewForAdmin, moderateReview, deleteReview, type ReviewInput,
} from './reviews/reviews.service.ts';
export { type AdminReview } from './reviews/reviews.schemas.ts';
export {
  listExpertRatings, createExpertRating, updateExpertRating, deleteExpertRating, type ExpertRatingInput,
  type ExpertRating as AdminExpertRating,
} from './reviews/expert-ratings.service.ts';
// Shopper read models (storefront pages and the store API).
export { getProductDetail, type ProductDetail, type DetailVariant, type DetailImage, type Specification, type DetailOptions } from './read/product-detail.ts';
export { getCategoryTree, categoryPath as categoryTrail, findCategoryBySlug, type CategoryNode, type CategoryTree } from './read/categories.ts';
export { loadReviews, REVIEW_SORTS, type Review, type ReviewSort, type ReviewSummary, type ReviewPage } from './read/reviews.ts';
export { loadExpertRatings, type ExpertRating } from './read/expert-ratings.ts';
export { loadRelatedProducts, computeSimilar, type RelatedProducts } from './read/related.ts';
export { countActiveProducts, listActiveProductSlugs, type ProductSlugs } from './read/product-slugs.ts';
export { catalogStoreModule } from './http/store.routes.ts';
export { listPriceCurrencies } from './read/price-currencies.ts';

// Back-office write side: products (list, read, create, replace, patch, delete, relations) and the taxonomy.
// Their HTTP modules are imported from ./http/admin.module.ts and ./admin-pages/index.ts directly.
export {
  listProductsForAdmin, getProductForAdmin, createProduct, replaceProduct, patchProduct, deleteProduct, setProductRelations,
  type AdminProduct, type ProductList, type ProductListItem, type ProductListQuery, type ProductPatch, type RelationsInput, type AdminRelations,
} from './products/index.ts';
export {
  listCategoriesForAdmin, getCategoryForAdmin, createCategory, updateCategory, deleteCategory,
  listBrandsForAdmin, getBrandForAdmin, createBrand, updateBrand, deleteBrand,
  listAttributesForAdmin, getAttributeForAdmin, createAttribute, updateAttribute, deleteAttribute,
  listProductTypesForAdmin, getProductTypeForAdmin, createProductType, updateProductType, deleteProductType,
  listCollectionsForAdmin, getCollectionForAdmin, createCollection, updateCollection, deleteCollection,
  type AdminCategory, type AdminBrand, type AdminAttribute, type AdminProductType, type AdminCollection, type CollectionAdminInput,
} from './taxonomy/index.ts';

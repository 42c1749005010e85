// The taxonomy as the back office manages it: categories, brands, attributes, product types, collections.
export { listCategoriesForAdmin, getCategoryForAdmin, createCategory, updateCategory, deleteCategory } from './categories.service.ts';
export { listBrandsForAdmin, getBrandForAdmin, createBrand, updateBrand, deleteBrand } from './brands.service.ts';
export { listAttributesForAdmin, getAttributeForAdmin, createAttribute, updateAttribute, deleteAttribute } from './attributes.service.ts';
export { listProductTypesForAdmin, getProductTypeForAdmin, createProductType, updateProductType, deleteProductType } from './product-types.service.ts';
export { listCollectionsForAdmin, getCollectionForAdmin, createCollection, updateCollection, deleteCollection } from './collections.service.ts';
export * from './taxonomy.schemas.ts';

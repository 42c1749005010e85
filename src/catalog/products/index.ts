// Products as the back office manages them: list, read, create, replace, patch, delete, curated relations.
export { listProductsForAdmin, categorySubtree } from './product-list.ts';
export { getProductForAdmin, loadRelations } from './product-read.ts';
export { createProduct, replaceProduct, patchProduct, deleteProduct } from './product-write.ts';
export { setProductRelations } from './product-relations.ts';
export * from './product-admin.schemas.ts';

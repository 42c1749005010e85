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

// Search follows the catalogue: it is never called by it.
import type { AppContext } from '../platform/context.ts';
import { rebuildSearchIndex, reindexProducts, removeFromIndex } from './indexer.ts';

export function subscribe(ctx: AppContext): void {
  ctx.events.on('catalog.products_changed', ({ productIds }) => reindexProducts(ctx, productIds));
  ctx.events.on('catalog.products_deleted', ({ productIds }) => removeFromIndex(ctx, productIds));
  ctx.events.on('catalog.taxonomy_changed', async () => {
    await rebuildSearchIndex(ctx);
  });
}

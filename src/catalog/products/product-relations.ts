// Curated relations of a product: similar, complementary ("you may also need") and pairing ("goes well with"),
// each an ordered list of other products named by slug. Storefront pages show them in this order; where no
// "similar" list is curated, the read side computes one.
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { RELATION_KINDS, type AdminRelations, type RelationsInput } from './product-admin.schemas.ts';
import { invalid, type FieldProblem } from './product-errors.ts';
import { loadRelations } from './product-read.ts';

/** Replaces the three lists (a kind left out is cleared). 400 for unknown slugs, the product itself or repeats. */
export async function setProductRelations(ctx: AppContext, id: number, input: RelationsInput): Promise<AdminRelations> {
  const db = ctx.db.kysely;
  if (!(await db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Product', { id });

  const slugs = [...new Set(RELATION_KINDS.flatMap((k) => input[k] ?? []))];
  const rows = slugs.length
    ? await db.selectFrom('product_translations').select(['slug', 'locale', 'product_id']).where('slug', 'in', slugs).execute()
    : [];
  // A slug is unique per locale; the default locale wins when two locales use the same word for different products.
  const bySlug = new Map<string, number>();
  for (const r of rows) if (!bySlug.has(r.slug) || r.locale === ctx.config.defaultLocale) bySlug.set(r.slug, r.product_id);

  const problems: FieldProblem[] = [];
  const resolved = RELATION_KINDS.map((kind) => {
    const seen = new Set<number>();
    const ids: number[] = [];
    (input[kind] ?? []).forEach((slug, i) => {
      const related = bySlug.get(slug);
      const path = `/${kind}/${i}`;
      if (related === undefined) problems.push({ path, message: `no product has the slug "${slug}"` });
      else if (related === id) problems.push({ path, message: 'a product cannot be related to itself' });
      else if (seen.has(related)) problems.push({ path, message: `"${slug}" is listed twice` });
      else {
        seen.add(related);
        ids.push(related);
      }
    });
    return { kind, ids };
  });
  if (problems.length) throw invalid(problems);

  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('product_relations').where('product_id', '=', id).execute();
    const values = resolved.flatMap(({ kind, ids }) => ids.map((related, position) => ({ product_id: id, related_product_id: related, kind, position })));
    if (values.length) await trx.insertInto('product_relations').values(values).execute();
    await trx.updateTable('products').set({ updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  });
  await ctx.events.publish('catalog.products_changed', { productIds: [id] });
  return loadRelations(ctx, id);
}

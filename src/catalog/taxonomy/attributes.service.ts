// Attribute definitions in the back office: kind (text, number with a unit, enumeration with options, boolean),
// filterable flag, names per locale. Changes that would silently drop product data are refused with 409: changing
// the kind of an attribute that has values, removing an option in use, deleting an attribute in use.
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { AttributeInput, type AdminAttribute } from './taxonomy.schemas.ts';
import { guardUnique, requireDefaultLocale, throwIf, validate, type FieldProblem } from './taxonomy-helpers.ts';

export async function listAttributesForAdmin(ctx: AppContext): Promise<AdminAttribute[]> {
  const db = ctx.db.kysely;
  const [rows, names, options, labels, counts] = await Promise.all([
    db.selectFrom('attributes').selectAll().orderBy('position').orderBy('code').execute(),
    db.selectFrom('attribute_translations').selectAll().orderBy('locale').execute(),
    db.selectFrom('attribute_options').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('attribute_option_translations').selectAll().orderBy('locale').execute(),
    db.selectFrom('product_attribute_values').select(['attribute_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('attribute_id').execute(),
  ]);
  const count = new Map(counts.map((c) => [c.attribute_id, Number(c.n)]));
  return rows.map((a) => ({
    id: a.id,
    code: a.code,
    kind: a.kind,
    ...(a.unit ? { unit: a.unit } : {}),
    filterable: a.filterable === 1,
    position: a.position,
    names: Object.fromEntries(names.filter((n) => n.attribute_id === a.id).map((n) => [n.locale, n.name])),
    options: options.filter((o) => o.attribute_id === a.id).map((o) => ({
      id: o.id, code: o.code, labels: Object.fromEntries(labels.filter((l) => l.option_id === o.id).map((l) => [l.locale, l.label])),
    })),
    value_count: count.get(a.id) ?? 0,
  }));
}

export async function getAttributeForAdmin(ctx: AppContext, id: number): Promise<AdminAttribute | null> {
  return (await listAttributesForAdmin(ctx)).find((a) => a.id === id) ?? null;
}

function check(input: AttributeInput, defaultLocale: string): void {
  const problems: FieldProblem[] = [];
  requireDefaultLocale(problems, '/names', input.names, defaultLocale);
  if (input.kind !== 'enum' && input.options?.length) problems.push({ path: '/options', message: 'only enum attributes have options' });
  if (input.kind !== 'number' && input.unit) problems.push({ path: '/unit', message: 'only number attributes have a unit' });
  const seen = new Set<string>();
  (input.options ?? []).forEach((o, i) => {
    if (seen.has(o.code)) problems.push({ path: `/options/${i}/code`, message: `option "${o.code}" repeats` });
    seen.add(o.code);
    requireDefaultLocale(problems, `/options/${i}/labels`, o.labels, defaultLocale);
  });
  throwIf(problems);
}

async function checkCodeFree(ctx: AppContext, code: string, self: number | null): Promise<void> {
  let q = ctx.db.kysely.selectFrom('attributes').select('id').where('code', '=', code);
  if (self !== null) q = q.where('id', '!=', self);
  if (await q.executeTakeFirst()) throwIf([{ path: '/code', message: `an attribute with the code "${code}" exists` }], 409);
}

export async function createAttribute(ctx: AppContext, raw: AttributeInput): Promise<AdminAttribute> {
  const input = validate(AttributeInput, raw);
  check(input, ctx.config.defaultLocale);
  await checkCodeFree(ctx, input.code, null);
  const db = ctx.db.kysely;
  const id = await guardUnique('The code', () =>
    db.transaction().execute(async (trx) => {
      const { max } = await trx.selectFrom('attributes').select((eb) => eb.fn.max<number | null>('position').as('max')).executeTakeFirstOrThrow();
      const row = await trx.insertInto('attributes').values({
        code: input.code, kind: input.kind, unit: input.unit ?? null, filterable: input.filterable ? 1 : 0,
        position: input.position ?? (max === null ? 0 : Number(max) + 1),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('attribute_translations').values(Object.entries(input.names).map(([locale, name]) => ({ attribute_id: row.id, locale, name }))).execute();
      for (const [position, o] of (input.options ?? []).entries()) {
        const option = await trx.insertInto('attribute_options').values({ attribute_id: row.id, code: o.code, position }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('attribute_option_translations').values(Object.entries(o.labels).map(([locale, label]) => ({ option_id: option.id, locale, label }))).execute();
      }
      return row.id;
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getAttributeForAdmin(ctx, id))!;
}

/** Replaces the definition; options are matched by code (kept ones keep their id and the values pointing at it). */
export async function updateAttribute(ctx: AppContext, id: number, raw: AttributeInput): Promise<AdminAttribute> {
  const input = validate(AttributeInput, raw);
  check(input, ctx.config.defaultLocale);
  const current = await getAttributeForAdmin(ctx, id);
  if (!current) throw notFound('Attribute', { id });
  await checkCodeFree(ctx, input.code, id);
  if (input.kind !== current.kind && current.value_count > 0) {
    throwIf([{ path: '/kind', message: `${current.value_count} product values use this attribute as ${current.kind}; its kind cannot change` }], 409);
  }
  const db = ctx.db.kysely;
  const wanted = new Set((input.options ?? []).map((o) => o.code));
  const removed = current.options.filter((o) => !wanted.has(o.code));
  if (removed.length) {
    const used = await db.selectFrom('product_attribute_values').select('option_id').where('option_id', 'in', removed.map((o) => o.id)).executeTakeFirst();
    if (used) {
      const code = removed.find((o) => o.id === used.option_id)!.code;
      throwIf([{ path: '/options', message: `option "${code}" is used by products and cannot be removed` }], 409);
    }
  }
  await guardUnique('The code', () =>
    db.transaction().execute(async (trx) => {
      await trx.updateTable('attributes').set({
        code: input.code, kind: input.kind, unit: input.unit ?? null, filterable: input.filterable ? 1 : 0, position: input.position ?? current.position,
      }).where('id', '=', id).execute();
      await trx.deleteFrom('attribute_translations').where('attribute_id', '=', id).execute();
      await trx.insertInto('attribute_translations').values(Object.entries(input.names).map(([locale, name]) => ({ attribute_id: id, locale, name }))).execute();
      if (removed.length) await trx.deleteFrom('attribute_options').where('id', 'in', removed.map((o) => o.id)).execute();
      const existing = new Map(current.options.map((o) => [o.code, o.id]));
      for (const [position, o] of (input.options ?? []).entries()) {
        let optionId = existing.get(o.code);
        if (optionId === undefined) {
          optionId = (await trx.insertInto('attribute_options').values({ attribute_id: id, code: o.code, position }).returning('id').executeTakeFirstOrThrow()).id;
        } else {
          await trx.updateTable('attribute_options').set({ position }).where('id', '=', optionId).execute();
          await trx.deleteFrom('attribute_option_translations').where('option_id', '=', optionId).execute();
        }
        await trx.insertInto('attribute_option_translations').values(Object.entries(o.labels).map(([locale, label]) => ({ option_id: optionId, locale, label }))).execute();
      }
    }),
  );
  await ctx.events.publish('catalog.taxonomy_changed', {});
  return (await getAttributeForAdmin(ctx, id))!;
}

export async function deleteAttribute(ctx: AppContext, id: number): Promise<void> {
  const current = await getAttributeForAdmin(ctx, id);
  if (!current) throw notFound('Attribute', { id });
  if (current.value_count > 0) throw new AppError(409, 'attribute_in_use', `${current.value_count} product values use this attribute; remove them first`);
  await ctx.db.kysely.deleteFrom('attributes').where('id', '=', id).execute();
  await ctx.events.publish('catalog.taxonomy_changed', {});
}

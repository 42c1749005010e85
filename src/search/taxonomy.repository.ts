// Names and slugs search needs from the catalogue's taxonomy (categories, brands, filterable attributes), localised
// with fallback to the default locale. Each loader is one query.
import type { Kysely } from 'kysely';
import type { Locale } from '../platform/config.ts';
import type { Database } from '../platform/db/schema.ts';

export interface CategoryNode { id: number; parent_id: number | null; position: number; name: string; slug: string; default_slug: string }
export interface AttributeDef { id: number; code: string; kind: 'enum' | 'boolean' | 'number'; unit: string | null; position: number; name: string }
export interface OptionDef { id: number; attribute_id: number; code: string; position: number; label: string }

/** Picks the row in `locale`, else the one in `fallback`. */
function pickLocale<T extends { locale: string }>(rows: T[], locale: string, fallback: string): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === fallback);
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

export async function loadCategories(db: Kysely<Database>, locale: Locale, fallback: Locale): Promise<CategoryNode[]> {
  const rows = await db
    .selectFrom('categories as c')
    .leftJoin('category_translations as t', (j) => j.onRef('t.category_id', '=', 'c.id').on('t.locale', 'in', [locale, fallback]))
    .select(['c.id', 'c.parent_id', 'c.position', 'c.code', 't.locale', 't.name', 't.slug'])
    .execute();
  return [...groupBy(rows, (r) => r.id).values()].map((list) => {
    const named = list.filter((r): r is typeof r & { locale: string; name: string; slug: string } => r.locale !== null);
    const t = pickLocale(named, locale, fallback);
    const d = named.find((r) => r.locale === fallback);
    return { id: list[0].id, parent_id: list[0].parent_id, position: list[0].position, name: t?.name ?? list[0].code, slug: t?.slug ?? list[0].code, default_slug: d?.slug ?? t?.slug ?? list[0].code };
  });
}

export async function findBrandId(db: Kysely<Database>, slug: string): Promise<number | null> {
  const row = await db.selectFrom('brands').where('slug', '=', slug).select('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function loadFilterableAttributes(db: Kysely<Database>, locale: Locale, fallback: Locale): Promise<AttributeDef[]> {
  const rows = await db
    .selectFrom('attributes as a')
    .leftJoin('attribute_translations as t', (j) => j.onRef('t.attribute_id', '=', 'a.id').on('t.locale', 'in', [locale, fallback]))
    .where('a.filterable', '=', 1)
    .where('a.kind', 'in', ['enum', 'boolean', 'number'])
    .select(['a.id', 'a.code', 'a.kind', 'a.unit', 'a.position', 't.locale', 't.name'])
    .execute();
  return [...groupBy(rows, (r) => r.id).values()]
    .map((list) => {
      const named = list.filter((r): r is typeof r & { locale: string; name: string } => r.locale !== null);
      const a = list[0];
      return { id: a.id, code: a.code, kind: a.kind as AttributeDef['kind'], unit: a.unit, position: a.position, name: pickLocale(named, locale, fallback)?.name ?? a.code };
    })
    .sort((x, y) => x.position - y.position || x.id - y.id);
}

export async function loadOptions(db: Kysely<Database>, attributeIds: number[], locale: Locale, fallback: Locale): Promise<OptionDef[]> {
  if (attributeIds.length === 0) return [];
  const rows = await db
    .selectFrom('attribute_options as o')
    .leftJoin('attribute_option_translations as t', (j) => j.onRef('t.option_id', '=', 'o.id').on('t.locale', 'in', [locale, fallback]))
    .where('o.attribute_id', 'in', attributeIds)
    .select(['o.id', 'o.attribute_id', 'o.code', 'o.position', 't.locale', 't.label'])
    .execute();
  return [...groupBy(rows, (r) => r.id).values()].map((list) => {
    const named = list.filter((r): r is typeof r & { locale: string; label: string } => r.locale !== null);
    const o = list[0];
    return { id: o.id, attribute_id: o.attribute_id, code: o.code, position: o.position, label: pickLocale(named, locale, fallback)?.label ?? o.code };
  });
}

/** Dictionary terms sharing a deletion key with the query words: the candidates for typo correction. */
export async function findTermCandidates(db: Kysely<Database>, keys: string[], locale: Locale): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('search_term_keys as k')
    .innerJoin('search_terms as t', (j) => j.onRef('t.term', '=', 'k.term').on('t.locale', '=', locale))
    .where('k.key', 'in', keys)
    .select('k.term')
    .distinct()
    .limit(2000)
    .execute();
  return rows.map((r) => r.term);
}

// The only dialect-specific part of search: full-text documents and matching.
//   SQLite: an FTS5 table (unicode61 tokenizer, bm25 ranking with per-column weights).
//   PostgreSQL: a tsvector per (product, locale) built with the locale's text search configuration and a GIN index.
// Both receive text already normalised and word-segmented by text.ts, and queries built from the same QueryWords,
// so matching (including Thai, typo expansion and the last-word prefix) behaves the same on both.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';
import type { Dialect } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import type { QueryWord } from './text.ts';
import { inChunks } from './sql-chunks.ts';

/** One product's searchable text in one locale; every field is space-separated normalised words. */
export interface SearchDocument {
  product_id: number;
  locale: Locale;
  name: string;
  brand: string;
  keywords: string;
  attrs: string;
  body: string;
}

/** PostgreSQL text search configuration per locale (stemming where PostgreSQL ships one). */
export const PG_TEXT_CONFIG: Record<Locale, string> = { en: 'english', id: 'indonesian', es: 'spanish', th: 'simple', fil: 'simple' };

const LOCALE_SLOTS = 8; // rowid = product_id * 8 + locale index (SQLite)

const rowids = (productIds: number[]) =>
  productIds.flatMap((id) => SUPPORTED_LOCALES.map((_, i) => id * LOCALE_SLOTS + i));

export async function deleteDocuments(db: Kysely<Database>, dialect: Dialect, productIds: number[]): Promise<void> {
  if (productIds.length === 0) return;
  if (dialect === 'postgres') {
    await inChunks(productIds, 1, (ids) => sql`delete from search_documents where product_id in (${sql.join(ids)})`.execute(db));
  } else {
    await inChunks(rowids(productIds), 1, (ids) => sql`delete from search_documents where rowid in (${sql.join(ids)})`.execute(db));
  }
}

/** Removes documents of products that no longer exist in the catalogue (end of a full rebuild). */
export async function deleteOrphanDocuments(db: Kysely<Database>): Promise<void> {
  await sql`delete from search_documents where product_id not in (select id from products where status = 'active')`.execute(db);
}

export async function insertDocuments(db: Kysely<Database>, dialect: Dialect, docs: SearchDocument[]): Promise<void> {
  if (docs.length === 0) return;
  if (dialect === 'postgres') {
    await inChunks(docs, 7, (chunk) => {
      const rows = chunk.map((d) => {
        const cfg = sql`${PG_TEXT_CONFIG[d.locale]}::regconfig`;
        return sql`(${d.product_id}, ${d.locale},
          setweight(to_tsvector(${cfg}, ${d.name}), 'A') || setweight(to_tsvector(${cfg}, ${d.brand + ' ' + d.keywords}), 'B') ||
          setweight(to_tsvector(${cfg}, ${d.attrs}), 'C') || setweight(to_tsvector(${cfg}, ${d.body}), 'D'))`;
      });
      return sql`insert into search_documents (product_id, locale, document) values ${sql.join(rows)}`.execute(db);
    });
  } else {
    await inChunks(docs, 8, (chunk) => {
      const rows = chunk.map(
        (d) => sql`(${d.product_id * LOCALE_SLOTS + SUPPORTED_LOCALES.indexOf(d.locale)}, ${d.product_id}, ${d.locale}, ${d.name}, ${d.brand}, ${d.keywords}, ${d.attrs}, ${d.body})`,
      );
      return sql`insert into search_documents (rowid, product_id, locale, name, brand, keywords, attrs, body) values ${sql.join(rows)}`.execute(db);
    });
  }
}

/** FTS5 expression: every word must match one of its alternatives; the last word also as a prefix. */
export function fts5Expression(words: QueryWord[]): string {
  return words
    .map((w) => {
      const alts = w.alternatives.map((a) => `"${a}"`);
      if (w.prefix) alts.push(`"${w.word}"*`);
      return `(${alts.join(' OR ')})`;
    })
    .join(' AND ');
}

/** tsquery text, normalised by to_tsquery with the locale's configuration (so it is stemmed like the documents). */
export function tsqueryExpression(words: QueryWord[]): string {
  return words
    .map((w) => {
      const alts = w.alternatives.map((a) => `'${a}'`);
      if (w.prefix) alts.push(`'${w.word}':*`);
      return `(${alts.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * The products whose `locale` document matches the query, with `rank` (lower is more relevant).
 * Run once per search (rankedMatches): the match is the costly part of a search.
 */
export function matchDocuments(dialect: Dialect, words: QueryWord[], locale: Locale): RawBuilder<{ product_id: number; rank: number }> {
  if (dialect === 'postgres') {
    return sql`select product_id, -ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', document, q) as rank
      from search_documents, to_tsquery(${PG_TEXT_CONFIG[locale]}::regconfig, ${tsqueryExpression(words)}) q
      where locale = ${locale} and document @@ q`;
  }
  return sql`select product_id, bm25(search_documents, 0, 0, 10.0, 6.0, 4.0, 2.0, 1.0) as rank
    from search_documents where search_documents match ${fts5Expression(words)} and locale = ${locale}`;
}

/**
 * The ids of the products whose `locale` document matches, most relevant first. A search runs the match once, here,
 * and gives its count, page and facets the ids (matchedIdsTable) rather than the match: matching a common word in
 * 100k documents takes a few hundred milliseconds on SQLite, and a search with facets needs the matches eight times.
 */
export async function rankedMatches(db: Kysely<Database>, dialect: Dialect, words: QueryWord[], locale: Locale): Promise<number[]> {
  const { rows } = await sql<{ product_id: number }>`select product_id from (${matchDocuments(dialect, words, locale)}) m order by rank, product_id`.execute(db);
  return rows.map((r) => Number(r.product_id));
}

/** A one-column table of `ids` for `product_id in (…)`, bound as one parameter whatever the count. */
export function matchedIdsTable(dialect: Dialect, ids: number[]): RawBuilder<number> {
  if (dialect === 'postgres') return sql<number>`(select unnest(cast(${ids} as integer[])))`;
  return sql<number>`(select value from json_each(${JSON.stringify(ids)}))`;
}

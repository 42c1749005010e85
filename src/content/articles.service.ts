// News articles: the back office's reads and writes. Storefront reads live in content.read.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { ArticleInput, ArticlePatch, type AdminArticle, type ArticleStatus, type ArticleTranslationInput } from './content.schemas.ts';
import { bodyToText, sanitizeBody } from './html-subset.ts';
import { freeSlug, isoOrNull, isUniqueViolation, requireDefaultLocale, slugFromTitle, slugTaken, validate } from './write-helpers.ts';

export interface ArticleListItem {
  id: number;
  status: ArticleStatus;
  author: string;
  published_at: string | null;
  updated_at: string;
  /** Title and slug in the default locale (or the first translated locale). */
  title: string;
  slug: string;
  locales: string[];
}

export interface ArticleListQuery {
  q?: string;
  status?: ArticleStatus;
  page?: number;
  per_page?: number;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function getArticleForAdmin(ctx: AppContext, id: number, db: Db = ctx.db.kysely): Promise<AdminArticle | null> {
  const row = await db.selectFrom('news_articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const translations = await db.selectFrom('news_article_translations').selectAll().where('article_id', '=', id).orderBy('locale').execute();
  return {
    id: row.id,
    status: row.status,
    author: row.author,
    image_key: row.image_key,
    published_at: row.published_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    translations: Object.fromEntries(
      translations.map((t) => [
        t.locale,
        { title: t.title, slug: t.slug, excerpt: t.excerpt, body: t.body, seo_title: t.seo_title, seo_description: t.seo_description },
      ]),
    ),
  };
}

/** Every article, drafts included, newest change first; `q` matches titles in any locale. */
export async function listArticlesForAdmin(ctx: AppContext, query: ArticleListQuery = {}): Promise<{ items: ArticleListItem[]; total: number }> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const perPage = Math.min(100, Math.max(1, Math.floor(query.per_page ?? 25)));
  let base = db.selectFrom('news_articles as a');
  if (query.status) base = base.where('a.status', '=', query.status);
  const q = query.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('news_article_translations as t')
          .select('t.article_id')
          .whereRef('t.article_id', '=', 'a.id')
          .where(sql<boolean>`lower(t.title) like ${pattern} escape '\\'`),
      ),
    );
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['a.id', 'a.status', 'a.author', 'a.published_at', 'a.updated_at'])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const translations = rows.length
    ? await db
        .selectFrom('news_article_translations')
        .select(['article_id', 'locale', 'title', 'slug'])
        .where('article_id', 'in', rows.map((r) => r.id))
        .orderBy('locale')
        .execute()
    : [];
  const items = rows.map((row) => {
    const own = translations.filter((t) => t.article_id === row.id);
    const t = own.find((x) => x.locale === ctx.config.defaultLocale) ?? own[0];
    return { ...row, title: t?.title ?? '', slug: t?.slug ?? '', locales: own.map((x) => x.locale) };
  });
  return { items, total: Number(n) };
}

async function slugsTakenByOthers(db: Db, locale: string, prefix: string, articleId: number | null): Promise<string[]> {
  let query = db
    .selectFrom('news_article_translations')
    .select('slug')
    .where('locale', '=', locale)
    .where((eb) => eb.or([eb('slug', '=', prefix), eb('slug', 'like', `${prefix}-%`)]));
  if (articleId !== null) query = query.where('article_id', '!=', articleId);
  return (await query.execute()).map((r) => r.slug);
}

async function translationRows(
  db: Db,
  articleId: number,
  translations: Record<string, ArticleTranslationInput>,
  existingSlugs: Record<string, string>,
) {
  const rows = [];
  for (const [locale, t] of Object.entries(translations)) {
    let slug = t.slug ?? existingSlugs[locale];
    if (t.slug) {
      const taken = await db
        .selectFrom('news_article_translations')
        .select('article_id')
        .where('locale', '=', locale)
        .where('slug', '=', t.slug)
        .where('article_id', '!=', articleId)
        .executeTakeFirst();
      if (taken) throw slugTaken(locale, t.slug);
    } else if (!slug) {
      slug = await freeSlug(slugFromTitle(t.title), (prefix) => slugsTakenByOthers(db, locale, prefix, articleId));
    }
    const body = sanitizeBody(t.body);
    rows.push({
      article_id: articleId,
      locale,
      title: t.title.trim(),
      slug: slug!,
      excerpt: t.excerpt?.trim() || bodyToText(body, 280),
      body,
      seo_title: t.seo_title?.trim() || null,
      seo_description: t.seo_description?.trim() || null,
    });
  }
  return rows;
}

function publishedAt(status: ArticleStatus, given: string | null | undefined, current: string | null): string | null {
  if (given !== undefined) return isoOrNull(given) ?? (status === 'published' ? new Date().toISOString() : null);
  if (status === 'published' && !current) return new Date().toISOString();
  return current;
}

async function inTransaction<T>(ctx: AppContext, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.kysely.transaction().execute(work);
  } catch (err) {
    // Two writers chose the same slug at once: the unique constraint caught it.
    if (isUniqueViolation(err)) throw new AppError(409, 'slug_taken', 'A slug is already used in that locale');
    throw err;
  }
}

/** Creates an article; slugs are made from titles when absent. 400 on invalid input, 409 when a slug is taken. */
export async function createArticle(ctx: AppContext, input: ArticleInput): Promise<AdminArticle> {
  const data = validate(ArticleInput, input);
  requireDefaultLocale(data.translations, ctx.config.defaultLocale);
  const status = data.status ?? 'draft';
  return inTransaction(ctx, async (trx) => {
    const { id } = await trx
      .insertInto('news_articles')
      .values({
        status,
        author: data.author.trim(),
        image_key: data.image_key ?? null,
        published_at: publishedAt(status, data.published_at, null),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await translationRows(trx, id, data.translations, {});
    await trx.insertInto('news_article_translations').values(rows).execute();
    return (await getArticleForAdmin(ctx, id, trx))!;
  });
}

/** Changes an article; translations named in the patch are replaced, null removes one. 404 when unknown. */
export async function updateArticle(ctx: AppContext, id: number, patch: ArticlePatch): Promise<AdminArticle> {
  const data = validate(ArticlePatch, patch);
  return inTransaction(ctx, async (trx) => {
    const current = await getArticleForAdmin(ctx, id, trx);
    if (!current) throw notFound('Article', { id });
    const status = data.status ?? current.status;
    const set: Partial<{ status: ArticleStatus; author: string; image_key: string | null; published_at: string | null; updated_at: string }> = {
      status,
      published_at: publishedAt(status, data.published_at, current.published_at),
      updated_at: new Date().toISOString(),
    };
    if (data.author !== undefined) set.author = data.author.trim();
    if (data.image_key !== undefined) set.image_key = data.image_key;

    const changes = data.translations ?? {};
    const remaining = { ...current.translations };
    const replace: Record<string, ArticleTranslationInput> = {};
    for (const [locale, t] of Object.entries(changes)) {
      if (t === null) delete remaining[locale];
      else replace[locale] = t;
    }
    requireDefaultLocale({ ...remaining, ...replace }, ctx.config.defaultLocale);

    await trx.updateTable('news_articles').set(set).where('id', '=', id).execute();
    const touched = Object.keys(changes);
    if (touched.length > 0) {
      const existingSlugs = Object.fromEntries(Object.entries(current.translations).map(([l, t]) => [l, t.slug]));
      const rows = await translationRows(trx, id, replace, existingSlugs);
      await trx.deleteFrom('news_article_translations').where('article_id', '=', id).where('locale', 'in', touched).execute();
      if (rows.length > 0) await trx.insertInto('news_article_translations').values(rows).execute();
    }
    return (await getArticleForAdmin(ctx, id, trx))!;
  });
}

/** Deletes an article and its translations. 404 when unknown. */
export async function deleteArticle(ctx: AppContext, id: number): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('news_article_translations').where('article_id', '=', id).execute();
    const result = await trx.deleteFrom('news_articles').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Article', { id });
  });
}

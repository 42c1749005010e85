// Storefront reads: published news and content pages in a locale, falling back to the shop's default locale per
// article or page. Each function runs a fixed number of queries whatever the page size.
import type { Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';

export interface ArticleSummary {
  id: number;
  /** The locale the text is in: the requested one, or the default locale when the article lacks it. */
  locale: string;
  title: string;
  slug: string;
  excerpt: string;
  published_at: string;
  author: string;
  image_key: string | null;
}

export interface Article extends ArticleSummary {
  /** Sanitised HTML subset (see html-subset.ts): safe to insert as HTML. */
  body: string;
  seo_title: string | null;
  seo_description: string | null;
  /** Slug in every locale the article is translated into, for hreflang links and locale switching. */
  slugs: Partial<Record<Locale, string>>;
}

export interface ContentPage {
  id: number;
  code: string;
  locale: string;
  title: string;
  slug: string;
  body: string;
  seo_title: string | null;
  seo_description: string | null;
  updated_at: string;
  slugs: Partial<Record<Locale, string>>;
}

export interface PageLink {
  code: string;
  locale: string;
  title: string;
  slug: string;
  slugs: Partial<Record<Locale, string>>;
}

const localesFor = (ctx: AppContext, locale: string) => [...new Set([locale, ctx.config.defaultLocale])];

/** The translation in `locale`, else in the default locale, else none. */
function pick<T extends { locale: string }>(rows: T[], locale: string, fallback: string): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === fallback);
}

function slugMap(rows: Array<{ locale: string; slug: string }>): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  for (const r of rows) out[r.locale as Locale] = r.slug;
  return out;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** Published articles (published_at in the past), newest first. */
export async function listPublishedArticles(
  ctx: AppContext,
  options: { locale: string; page?: number; per_page?: number },
): Promise<{ items: ArticleSummary[]; total: number }> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = Math.min(100, Math.max(1, Math.floor(options.per_page ?? 12)));
  const locales = localesFor(ctx, options.locale);
  const now = new Date().toISOString();

  const published = db
    .selectFrom('news_articles as a')
    .where('a.status', '=', 'published')
    .where('a.published_at', 'is not', null)
    .where('a.published_at', '<=', now)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('news_article_translations as t').select('t.article_id').whereRef('t.article_id', '=', 'a.id').where('t.locale', 'in', locales),
      ),
    );
  const countRow = await published.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  if (total === 0) return { items: [], total };

  const rows = await published
    .select(['a.id', 'a.author', 'a.image_key', 'a.published_at'])
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  if (rows.length === 0) return { items: [], total };

  const translations = await db
    .selectFrom('news_article_translations')
    .select(['article_id', 'locale', 'title', 'slug', 'excerpt'])
    .where('article_id', 'in', rows.map((r) => r.id))
    .where('locale', 'in', locales)
    .execute();
  const byArticle = groupBy(translations, (t) => t.article_id);

  const items: ArticleSummary[] = [];
  for (const row of rows) {
    const t = pick(byArticle.get(row.id) ?? [], options.locale, ctx.config.defaultLocale);
    if (!t) continue;
    items.push({
      id: row.id,
      locale: t.locale,
      title: t.title,
      slug: t.slug,
      excerpt: t.excerpt,
      published_at: row.published_at!,
      author: row.author,
      image_key: row.image_key,
    });
  }
  return { items, total };
}

/**
 * A published article by its slug in `locale`, or by its slug in any other locale (the caller then redirects to
 * `article.slug`, the slug for `locale`). Null when no published article has that slug.
 */
export async function getPublishedArticleBySlug(ctx: AppContext, locale: string, slug: string): Promise<Article | null> {
  const db = ctx.db.kysely;
  const matches = await db
    .selectFrom('news_article_translations as t')
    .innerJoin('news_articles as a', 'a.id', 't.article_id')
    .select(['t.article_id', 't.locale'])
    .where('t.slug', '=', slug)
    .where('a.status', '=', 'published')
    .where('a.published_at', 'is not', null)
    .where('a.published_at', '<=', new Date().toISOString())
    .execute();
  const match = pick(matches, locale, ctx.config.defaultLocale) ?? matches[0];
  if (!match) return null;

  const article = await db
    .selectFrom('news_articles')
    .select(['id', 'author', 'image_key', 'published_at'])
    .where('id', '=', match.article_id)
    .executeTakeFirst();
  if (!article) return null;
  const translations = await db
    .selectFrom('news_article_translations')
    .selectAll()
    .where('article_id', '=', article.id)
    .orderBy('locale')
    .execute();
  const t = pick(translations, locale, ctx.config.defaultLocale) ?? translations.find((r) => r.locale === match.locale)!;
  return {
    id: article.id,
    locale: t.locale,
    title: t.title,
    slug: t.slug,
    excerpt: t.excerpt,
    body: t.body,
    seo_title: t.seo_title,
    seo_description: t.seo_description,
    published_at: article.published_at!,
    author: article.author,
    image_key: article.image_key,
    slugs: slugMap(translations),
  };
}

async function loadPage(ctx: AppContext, pageId: number, locale: string, matchedLocale?: string): Promise<ContentPage | null> {
  const db = ctx.db.kysely;
  const page = await db.selectFrom('content_pages').select(['id', 'code', 'updated_at']).where('id', '=', pageId).executeTakeFirst();
  if (!page) return null;
  const translations = await db.selectFrom('content_page_translations').selectAll().where('page_id', '=', pageId).orderBy('locale').execute();
  const t =
    pick(translations, locale, ctx.config.defaultLocale) ??
    translations.find((r) => r.locale === matchedLocale) ??
    translations[0];
  if (!t) return null;
  return {
    id: page.id,
    code: page.code,
    locale: t.locale,
    title: t.title,
    slug: t.slug,
    body: t.body,
    seo_title: t.seo_title,
    seo_description: t.seo_description,
    updated_at: page.updated_at,
    slugs: slugMap(translations),
  };
}

/** A content page by its slug in `locale` or in another locale (the caller redirects to `page.slug`). */
export async function getPageBySlug(ctx: AppContext, locale: string, slug: string): Promise<ContentPage | null> {
  const matches = await ctx.db.kysely
    .selectFrom('content_page_translations')
    .select(['page_id', 'locale'])
    .where('slug', '=', slug)
    .execute();
  const match = pick(matches, locale, ctx.config.defaultLocale) ?? matches[0];
  return match ? loadPage(ctx, match.page_id, locale, match.locale) : null;
}

/** A content page by its code (about, privacy-policy, terms, shipping-returns…). */
export async function getPageByCode(ctx: AppContext, locale: string, code: string): Promise<ContentPage | null> {
  const page = await ctx.db.kysely.selectFrom('content_pages').select('id').where('code', '=', code).executeTakeFirst();
  return page ? loadPage(ctx, page.id, locale) : null;
}

/** Every content page with its title and slug in `locale` (or the default locale), ordered by code. */
export async function listPages(ctx: AppContext, locale: string): Promise<PageLink[]> {
  const db = ctx.db.kysely;
  const pages = await db.selectFrom('content_pages').select(['id', 'code']).orderBy('code').execute();
  if (pages.length === 0) return [];
  const translations = await db
    .selectFrom('content_page_translations')
    .select(['page_id', 'locale', 'title', 'slug'])
    .where('page_id', 'in', pages.map((p) => p.id))
    .orderBy('locale')
    .execute();
  const byPage = groupBy(translations, (t) => t.page_id);
  const out: PageLink[] = [];
  for (const page of pages) {
    const rows = byPage.get(page.id) ?? [];
    const t = pick(rows, locale, ctx.config.defaultLocale) ?? rows[0];
    if (!t) continue;
    out.push({ code: page.code, locale: t.locale, title: t.title, slug: t.slug, slugs: slugMap(rows) });
  }
  return out;
}

// Content pages (about, privacy policy, terms, shipping and returns, or any other code): back-office reads and writes.
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { PageInput, PagePatch, type AdminPage, type PageTranslationInput } from './content.schemas.ts';
import { sanitizeBody } from './html-subset.ts';
import { freeSlug, isUniqueViolation, requireDefaultLocale, slugFromTitle, slugTaken, validate } from './write-helpers.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface PageListItem {
  id: number;
  code: string;
  updated_at: string;
  title: string;
  slug: string;
  locales: string[];
}

export async function getPageForAdmin(ctx: AppContext, id: number, db: Db = ctx.db.kysely): Promise<AdminPage | null> {
  const row = await db.selectFrom('content_pages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const translations = await db.selectFrom('content_page_translations').selectAll().where('page_id', '=', id).orderBy('locale').execute();
  return {
    id: row.id,
    code: row.code,
    updated_at: row.updated_at,
    translations: Object.fromEntries(
      translations.map((t) => [t.locale, { title: t.title, slug: t.slug, body: t.body, seo_title: t.seo_title, seo_description: t.seo_description }]),
    ),
  };
}

/** Every page ordered by code, with its title in the default locale. */
export async function listPagesForAdmin(ctx: AppContext): Promise<PageListItem[]> {
  const db = ctx.db.kysely;
  const pages = await db.selectFrom('content_pages').select(['id', 'code', 'updated_at']).orderBy('code').execute();
  if (pages.length === 0) return [];
  const translations = await db
    .selectFrom('content_page_translations')
    .select(['page_id', 'locale', 'title', 'slug'])
    .where('page_id', 'in', pages.map((p) => p.id))
    .orderBy('locale')
    .execute();
  return pages.map((page) => {
    const own = translations.filter((t) => t.page_id === page.id);
    const t = own.find((x) => x.locale === ctx.config.defaultLocale) ?? own[0];
    return { ...page, title: t?.title ?? '', slug: t?.slug ?? '', locales: own.map((x) => x.locale) };
  });
}

async function translationRows(db: Db, pageId: number, translations: Record<string, PageTranslationInput>, existingSlugs: Record<string, string>) {
  const rows = [];
  for (const [locale, t] of Object.entries(translations)) {
    let slug = t.slug ?? existingSlugs[locale];
    if (t.slug) {
      const taken = await db
        .selectFrom('content_page_translations')
        .select('page_id')
        .where('locale', '=', locale)
        .where('slug', '=', t.slug)
        .where('page_id', '!=', pageId)
        .executeTakeFirst();
      if (taken) throw slugTaken(locale, t.slug);
    } else if (!slug) {
      slug = await freeSlug(slugFromTitle(t.title), async (prefix) =>
        (
          await db
            .selectFrom('content_page_translations')
            .select('slug')
            .where('locale', '=', locale)
            .where('page_id', '!=', pageId)
            .where((eb) => eb.or([eb('slug', '=', prefix), eb('slug', 'like', `${prefix}-%`)]))
            .execute()
        ).map((r) => r.slug),
      );
    }
    rows.push({
      page_id: pageId,
      locale,
      title: t.title.trim(),
      slug: slug!,
      body: sanitizeBody(t.body),
      seo_title: t.seo_title?.trim() || null,
      seo_description: t.seo_description?.trim() || null,
    });
  }
  return rows;
}

async function codeTakenCheck(db: Db, code: string, pageId: number | null) {
  let q = db.selectFrom('content_pages').select('id').where('code', '=', code);
  if (pageId !== null) q = q.where('id', '!=', pageId);
  if (await q.executeTakeFirst()) {
    throw new AppError(409, 'code_taken', `A page with the code "${code}" already exists`, [{ path: '/code', message: 'This code is already used' }]);
  }
}

async function inTransaction<T>(ctx: AppContext, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.kysely.transaction().execute(work);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'conflict', 'The code or a slug is already used');
    throw err;
  }
}

/** Creates a page. 400 on invalid input, 409 when the code or a slug is taken. */
export async function createPage(ctx: AppContext, input: PageInput): Promise<AdminPage> {
  const data = validate(PageInput, input);
  requireDefaultLocale(data.translations, ctx.config.defaultLocale);
  return inTransaction(ctx, async (trx) => {
    await codeTakenCheck(trx, data.code, null);
    const { id } = await trx.insertInto('content_pages').values({ code: data.code }).returning('id').executeTakeFirstOrThrow();
    const rows = await translationRows(trx, id, data.translations, {});
    await trx.insertInto('content_page_translations').values(rows).execute();
    return (await getPageForAdmin(ctx, id, trx))!;
  });
}

/** Changes a page; translations named in the patch are replaced, null removes one. 404 when unknown. */
export async function updatePage(ctx: AppContext, id: number, patch: PagePatch): Promise<AdminPage> {
  const data = validate(PagePatch, patch);
  return inTransaction(ctx, async (trx) => {
    const current = await getPageForAdmin(ctx, id, trx);
    if (!current) throw notFound('Page', { id });
    if (data.code !== undefined && data.code !== current.code) await codeTakenCheck(trx, data.code, id);

    const changes = data.translations ?? {};
    const remaining = { ...current.translations };
    const replace: Record<string, PageTranslationInput> = {};
    for (const [locale, t] of Object.entries(changes)) {
      if (t === null) delete remaining[locale];
      else replace[locale] = t;
    }
    requireDefaultLocale({ ...remaining, ...replace }, ctx.config.defaultLocale);

    await trx
      .updateTable('content_pages')
      .set({ code: data.code ?? current.code, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const touched = Object.keys(changes);
    if (touched.length > 0) {
      const existingSlugs = Object.fromEntries(Object.entries(current.translations).map(([l, t]) => [l, t.slug]));
      const rows = await translationRows(trx, id, replace, existingSlugs);
      await trx.deleteFrom('content_page_translations').where('page_id', '=', id).where('locale', 'in', touched).execute();
      if (rows.length > 0) await trx.insertInto('content_page_translations').values(rows).execute();
    }
    return (await getPageForAdmin(ctx, id, trx))!;
  });
}

/** Deletes a page and its translations. 404 when unknown. */
export async function deletePage(ctx: AppContext, id: number): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('content_page_translations').where('page_id', '=', id).execute();
    const result = await trx.deleteFrom('content_pages').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Page', { id });
  });
}

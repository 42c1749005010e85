import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminAuth, createTestApp, createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { App } from '../platform/http/app.ts';
import {
  createArticle,
  createPage,
  getPageByCode,
  getPageBySlug,
  getPublishedArticleBySlug,
  listPages,
  listPublishedArticles,
  updateArticle,
} from './index.ts';

let ctx: TestContext;
let app: App;
let owner: Record<string, string>;
let warehouse: Record<string, string>;

const count = async (table: 'news_articles' | 'news_article_translations' | 'content_pages' | 'content_page_translations') =>
  Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const past = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

before(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  owner = await adminAuth(ctx, 'owner');
  warehouse = await adminAuth(ctx, 'warehouse');
});
after(async () => {
  await app.close();
  await ctx.close();
});

describe('storefront reads', () => {
  test('published articles, newest first, with per-article locale fallback and paging', async () => {
    const older = await createArticle(ctx, {
      status: 'published',
      author: 'Ayu',
      published_at: past(3),
      translations: { en: { title: 'Harvest report', body: '<p>The harvest was good.</p>' }, id: { title: 'Laporan panen', body: '<p>Panen bagus.</p>' } },
    });
    const newer = await createArticle(ctx, {
      status: 'published',
      author: 'Budi',
      published_at: past(1),
      translations: { en: { title: 'New roastery', excerpt: 'We moved.', body: '<p>Bigger place.</p>' } },
    });
    await createArticle(ctx, { status: 'draft', author: 'C', translations: { en: { title: 'Draft only', body: 'x' } } });
    await createArticle(ctx, {
      status: 'published',
      author: 'D',
      published_at: new Date(Date.now() + 86_400_000).toISOString(),
      translations: { en: { title: 'Tomorrow', body: 'x' } },
    });

    const id = await listPublishedArticles(ctx, { locale: 'id', page: 1, per_page: 10 });
    assert.equal(id.total, 2);
    assert.deepEqual(id.items.map((a) => [a.id, a.locale, a.title]), [
      [newer.id, 'en', 'New roastery'],
      [older.id, 'id', 'Laporan panen'],
    ]);
    assert.equal(id.items[0].excerpt, 'We moved.');
    assert.equal(id.items[1].excerpt, 'Panen bagus.', 'excerpt made from the body when absent');

    const page2 = await listPublishedArticles(ctx, { locale: 'en', page: 2, per_page: 1 });
    assert.equal(page2.total, 2);
    assert.deepEqual(page2.items.map((a) => a.id), [older.id]);
  });

  test('listing runs the same number of queries whatever the page size', async () => {
    ctx.queries.length = 0;
    await listPublishedArticles(ctx, { locale: 'en', per_page: 1 });
    const small = ctx.queries.length;
    ctx.queries.length = 0;
    await listPublishedArticles(ctx, { locale: 'en', per_page: 50 });
    assert.equal(ctx.queries.length, small);
  });

  test('an article by slug in its locale or in another locale, with slugs for hreflang; drafts stay hidden', async () => {
    const en = await getPublishedArticleBySlug(ctx, 'en', 'harvest-report');
    assert.ok(en);
    assert.equal(en.title, 'Harvest report');
    assert.deepEqual(en.slugs, { en: 'harvest-report', id: 'laporan-panen' });

    const viaOther = await getPublishedArticleBySlug(ctx, 'id', 'harvest-report');
    assert.ok(viaOther);
    assert.equal(viaOther.slug, 'laporan-panen', 'the caller redirects to the slug of the requested locale');
    assert.equal(viaOther.locale, 'id');

    const fallback = await getPublishedArticleBySlug(ctx, 'th', 'harvest-report');
    assert.equal(fallback?.locale, 'en');
    assert.equal(await getPublishedArticleBySlug(ctx, 'en', 'draft-only'), null);
    assert.equal(await getPublishedArticleBySlug(ctx, 'en', 'tomorrow'), null);
    assert.equal(await getPublishedArticleBySlug(ctx, 'en', "' OR 1=1 --"), null);
  });

  test('pages by code and slug, listed with fallback', async () => {
    await createPage(ctx, {
      code: 'about',
      translations: { en: { title: 'About us', body: '<h2>Hi</h2>' }, es: { title: 'Sobre nosotros', body: '<p>Hola</p>' } },
    });
    await createPage(ctx, { code: 'terms', translations: { en: { title: 'Terms', body: '<p>Rules</p>' } } });

    const about = await getPageByCode(ctx, 'es', 'about');
    assert.equal(about?.title, 'Sobre nosotros');
    assert.deepEqual(about?.slugs, { en: 'about-us', es: 'sobre-nosotros' });
    assert.equal((await getPageBySlug(ctx, 'es', 'about-us'))?.slug, 'sobre-nosotros');
    assert.equal(await getPageBySlug(ctx, 'en', 'nope'), null);
    assert.equal(await getPageByCode(ctx, 'en', 'nope'), null);
    assert.deepEqual(
      (await listPages(ctx, 'es')).map((p) => [p.code, p.locale, p.slug]),
      [
        ['about', 'es', 'sobre-nosotros'],
        ['terms', 'en', 'terms'],
      ],
    );
  });

  test('slugs are unique per locale: a second title gets a suffix, an explicit taken slug is refused', async () => {
    const a = await createArticle(ctx, { author: 'X', translations: { en: { title: 'Same title', body: '' } } });
    const b = await createArticle(ctx, { author: 'X', translations: { en: { title: 'Same title', body: '' } } });
    assert.equal(a.translations.en.slug, 'same-title');
    assert.equal(b.translations.en.slug, 'same-title-2');
    await assert.rejects(
      createArticle(ctx, { author: 'X', translations: { en: { title: 'Other', slug: 'same-title', body: '' } } }),
      (e: { status?: number; code?: string }) => e.status === 409 && e.code === 'slug_taken',
    );
    // Editing keeps the slug unless a new one is given.
    const edited = await updateArticle(ctx, a.id, { translations: { en: { title: 'Renamed', body: '' } } });
    assert.equal(edited.translations.en.slug, 'same-title');
  });
});

describe('admin API /api/admin/news', () => {
  const valid = { author: 'Editor', translations: { en: { title: 'Launch', body: '<p>Hello</p>' } } };

  test('create, read, change, publish and delete', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/admin/news', headers: owner, payload: valid });
    assert.equal(created.statusCode, 201, created.body);
    const article = created.json();
    assert.equal(article.status, 'draft');
    assert.equal(article.published_at, null);

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/admin/news/${article.id}`,
      headers: owner,
      payload: { status: 'published', translations: { th: { title: 'เปิดตัว', body: '<p>สวัสดี</p>' } } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().status, 'published');
    assert.ok(patched.json().published_at);
    assert.equal(patched.json().translations.th.slug, 'เปิดตัว');

    const got = await app.inject({ url: `/api/admin/news/${article.id}`, headers: warehouse });
    assert.equal(got.statusCode, 200, 'catalog:read is enough to read');
    assert.deepEqual(Object.keys(got.json().translations).sort(), ['en', 'th']);

    const list = await app.inject({ url: '/api/admin/news?q=launch&status=published', headers: owner });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((i: { id: number }) => i.id), [article.id]);

    const removed = await app.inject({ method: 'DELETE', url: `/api/admin/news/${article.id}`, headers: owner });
    assert.equal(removed.statusCode, 204);
    assert.equal(await ctx.db.kysely.selectFrom('news_article_translations').select('locale').where('article_id', '=', article.id).executeTakeFirst(), undefined);
    assert.equal((await app.inject({ url: `/api/admin/news/${article.id}`, headers: owner })).statusCode, 404);
  });

  test('bad input is refused with the error shape and writes nothing', async () => {
    const bad: unknown[] = [
      {},
      { ...valid, author: { name: 'x' } },
      { ...valid, author: null },
      { ...valid, translations: {} },
      { ...valid, translations: { id: { title: 'Only Indonesian', body: '' } } },
      { ...valid, translations: { xx: { title: 'Bad locale', body: '' } } },
      { ...valid, translations: { en: { title: 'x'.repeat(10_000), body: '' } } },
      { ...valid, translations: { en: { title: 'Bad slug', slug: '<script>', body: '' } } },
      { ...valid, status: 'live' },
      { ...valid, published_at: 'yesterday' },
      { ...valid, unknown_field: 1 },
      { ...valid, translations: { en: { title: 'T', body: 'b', hacker: true } } },
      { ...valid, translations: { en: { title: 'T', body: 'x'.repeat(100_001) } } },
    ];
    const before = [await count('news_articles'), await count('news_article_translations')];
    for (const payload of bad) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/news', headers: owner, payload: payload as object });
      assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 200));
      assert.equal(typeof res.json().error.code, 'string');
    }
    const res = await app.inject({ method: 'PATCH', url: '/api/admin/news/999999', headers: owner, payload: { author: 'x' } });
    assert.equal(res.statusCode, 404);
    assert.equal((await app.inject({ method: 'PATCH', url: '/api/admin/news/abc', headers: owner, payload: {} })).statusCode, 400);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/news/999999', headers: owner })).statusCode, 404);
    assert.deepEqual([await count('news_articles'), await count('news_article_translations')], before);
  });

  test('removing the default locale translation is refused and changes nothing', async () => {
    const { id } = (await app.inject({ method: 'POST', url: '/api/admin/news', headers: owner, payload: { ...valid, author: 'Keep' } })).json();
    const res = await app.inject({ method: 'PATCH', url: `/api/admin/news/${id}`, headers: owner, payload: { author: 'Changed', translations: { en: null } } });
    assert.equal(res.statusCode, 400);
    const row = await ctx.db.kysely.selectFrom('news_articles').select('author').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.author, 'Keep');
  });

  test('hostile strings are stored as text and bodies reduced to the HTML subset', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/news',
      headers: owner,
      payload: {
        author: "' OR 1=1 --",
        translations: {
          en: {
            title: '<script>alert(1)</script>',
            body: '<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">x</a> <a href="https://example.com">ok</a><img src=x onerror=alert(1)></p>',
          },
        },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const t = res.json().translations.en;
    assert.equal(res.json().author, "' OR 1=1 --");
    assert.equal(t.title, '<script>alert(1)</script>');
    assert.equal(t.slug, 'script-alert-1-script');
    assert.equal(t.body, '<p>Hi <a>x</a> <a href="https://example.com" rel="noopener noreferrer">ok</a></p>');
  });

  test('401 without a key, 403 for a role without content:write', async () => {
    const before = await count('news_articles');
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/news', payload: valid })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/admin/news' })).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/news', headers: { authorization: 'Bearer pk_nope' }, payload: valid })).statusCode, 401);
    const forbidden = await app.inject({ method: 'POST', url: '/api/admin/news', headers: warehouse, payload: valid });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().error.code, 'forbidden');
    const support = await adminAuth(ctx, 'support');
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/news/1', headers: support })).statusCode, 403);
    assert.equal(await count('news_articles'), before);
  });
});

describe('admin API /api/admin/pages', () => {
  test('create, list, change, delete; duplicate code is a 409', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/pages',
      headers: owner,
      payload: { code: 'shipping-returns', translations: { en: { title: 'Shipping & returns', body: '<p>Free over 500k</p>' } } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id } = created.json();
    assert.equal(created.json().translations.en.slug, 'shipping-returns');

    const dup = await app.inject({
      method: 'POST',
      url: '/api/admin/pages',
      headers: owner,
      payload: { code: 'shipping-returns', translations: { en: { title: 'Again', body: '' } } },
    });
    assert.equal(dup.statusCode, 409);

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/admin/pages/${id}`,
      headers: owner,
      payload: { translations: { fil: { title: 'Pagpapadala', slug: 'pagpapadala', body: '<p>Libre</p>' } } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const list = await app.inject({ url: '/api/admin/pages', headers: warehouse });
    assert.equal(list.statusCode, 200);
    const item = list.json().items.find((p: { id: number }) => p.id === id);
    assert.deepEqual(item.locales, ['en', 'fil']);

    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/pages/${id}`, headers: warehouse })).statusCode, 403);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/pages/${id}`, headers: owner })).statusCode, 204);
    assert.equal((await app.inject({ url: `/api/admin/pages/${id}`, headers: owner })).statusCode, 404);
  });

  test('bad input writes nothing', async () => {
    const before = [await count('content_pages'), await count('content_page_translations')];
    for (const payload of [
      {},
      { code: 'Bad Code', translations: { en: { title: 'x', body: '' } } },
      { code: 'ok', translations: { en: { title: '', body: '' } } },
      { code: 'ok', translations: { es: { title: 'Solo', body: '' } } },
      { code: "' OR 1=1 --", translations: { en: { title: 'x', body: '' } } },
      { code: 'ok', translations: { en: { title: 'x', body: '' } }, extra: true },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/pages', headers: owner, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.deepEqual([await count('content_pages'), await count('content_page_translations')], before);
  });
});

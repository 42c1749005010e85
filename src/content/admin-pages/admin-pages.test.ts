import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, type AdminBrowser } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { createArticle, createPage, getArticleForAdmin, getPageForAdmin } from '../index.ts';

let ctx: TestContext;
let app: App;
let owner: AdminBrowser;

const count = async (table: 'news_articles' | 'news_article_translations' | 'content_pages') =>
  Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  owner = await adminBrowser(app, ctx, 'owner');
});
after(async () => {
  await app.close();
  await ctx.close();
});

describe('news pages', () => {
  test('create through the form, then edit a translation, publish and delete', async () => {
    const created = await owner.post('/admin/news', {
      author: 'Ayu',
      status: 'draft',
      published_at: '',
      image_key: '',
      'translations.en.title': 'Coffee harvest',
      'translations.en.body': '<p>Good year</p>',
      'translations.id.title': '',
      'translations.id.body': '',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = Number(/\/admin\/news\/(\d+)/.exec(created.headers.location as string)![1]);
    let article = (await getArticleForAdmin(ctx, id))!;
    assert.equal(article.translations.en.slug, 'coffee-harvest');
    assert.deepEqual(Object.keys(article.translations), ['en']);

    const edit = await owner.get(`/admin/news/${id}?notice=created`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Created\./);
    assert.match(edit.body, /value="Coffee harvest"/);

    const saved = await owner.post(`/admin/news/${id}`, {
      author: 'Ayu',
      status: 'draft',
      published_at: '2026-01-02T03:04',
      image_key: '',
      'translations.en.title': 'Coffee harvest 2026',
      'translations.en.slug': 'coffee-harvest',
      'translations.en.body': '<p>Great year</p>',
      'translations.id.title': 'Panen kopi',
      'translations.id.body': '<p>Tahun bagus</p>',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    article = (await getArticleForAdmin(ctx, id))!;
    assert.equal(article.translations.en.title, 'Coffee harvest 2026');
    assert.equal(article.translations.id.slug, 'panen-kopi');
    assert.equal(article.published_at, '2026-01-02T03:04:00.000Z');

    assert.equal((await owner.post(`/admin/news/${id}/publish`, {})).statusCode, 303);
    assert.equal((await getArticleForAdmin(ctx, id))!.status, 'published');
    assert.equal((await owner.post(`/admin/news/${id}/unpublish`, {})).statusCode, 303);
    assert.equal((await getArticleForAdmin(ctx, id))!.status, 'draft');

    const confirm = await owner.get(`/admin/news/${id}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /cannot be undone/);
    assert.equal(await getArticleForAdmin(ctx, id) !== null, true, 'the confirmation page deletes nothing');
    assert.equal((await owner.post(`/admin/news/${id}/delete`, {})).statusCode, 303);
    assert.equal(await getArticleForAdmin(ctx, id), null);
  });

  test('validation errors re-render the form (400) with the message beside the field and the values kept; nothing written', async () => {
    const before = [await count('news_articles'), await count('news_article_translations')];
    const res = await owner.post('/admin/news', {
      author: 'Kept author',
      status: 'draft',
      published_at: '',
      image_key: '',
      'translations.en.title': '',
      'translations.en.body': 'kept body',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="field-error" id="f-translations-en-title-error"/);
    assert.match(res.body, /value="Kept author"/);
    assert.match(res.body, />kept body<\/textarea>/);
    const tooLong = await owner.post('/admin/news', { author: 'x'.repeat(10_000), status: 'draft', 'translations.en.title': 'T', 'translations.en.body': '' });
    assert.equal(tooLong.statusCode, 400);
    const badDate = await owner.post('/admin/news', { author: 'A', status: 'draft', published_at: 'tomorrow', 'translations.en.title': 'T', 'translations.en.body': '' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /id="f-published_at-error"/);
    const badStatus = await owner.post('/admin/news', { author: 'A', status: 'live', 'translations.en.title': 'T', 'translations.en.body': '' });
    assert.equal(badStatus.statusCode, 400);
    assert.deepEqual([await count('news_articles'), await count('news_article_translations')], before);
  });

  test('a taken slug is a 409 form error', async () => {
    await createArticle(ctx, { author: 'A', translations: { en: { title: 'Taken', body: '' } } });
    const before = await count('news_articles');
    const res = await owner.post('/admin/news', { author: 'A', status: 'draft', 'translations.en.title': 'Other', 'translations.en.slug': 'taken', 'translations.en.body': '' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /already used/);
    assert.equal(await count('news_articles'), before);
  });

  test('POST without or with a wrong CSRF token is a 403 and writes nothing', async () => {
    const before = await count('news_articles');
    const headers = { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const fields = 'author=A&status=draft&translations.en.title=T&translations.en.body=b';
    const missing = await app.inject({ method: 'POST', url: '/admin/news', headers, payload: fields });
    assert.equal(missing.statusCode, 403);
    const wrong = await app.inject({ method: 'POST', url: '/admin/news', headers, payload: `${fields}&_csrf=${'A'.repeat(43)}` });
    assert.equal(wrong.statusCode, 403);
    // Another session's token does not work either.
    const other = await adminBrowser(app, ctx, 'owner');
    const foreign = await app.inject({ method: 'POST', url: '/admin/news', headers, payload: `${fields}&_csrf=${await other.csrf()}` });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await count('news_articles'), before);
  });

  test('a role without content:write gets 403 on the editor and its posts', async () => {
    const article = await createArticle(ctx, { author: 'A', translations: { en: { title: 'Keep me', body: '' } } });
    const warehouse = await adminBrowser(app, ctx, 'warehouse');
    assert.equal((await warehouse.get('/admin/news')).statusCode, 200, 'catalog:read lists');
    assert.equal((await warehouse.get(`/admin/news/${article.id}`)).statusCode, 403);
    const res = await warehouse.post(`/admin/news/${article.id}`, { author: 'Changed', status: 'draft', 'translations.en.title': 'Changed', 'translations.en.body': '' });
    assert.equal(res.statusCode, 403);
    assert.equal((await warehouse.post(`/admin/news/${article.id}/delete`, {})).statusCode, 403);
    const after = (await getArticleForAdmin(ctx, article.id))!;
    assert.equal(after.author, 'A');
    assert.equal(after.translations.en.title, 'Keep me');
  });

  test('hostile strings are escaped in the list and the editor', async () => {
    const hostile = '<script>alert("x")</script>';
    const article = await createArticle(ctx, { author: `"><img src=x onerror=alert(1)>`, translations: { en: { title: hostile, body: '<p>ok</p>' } } });
    const list = await owner.get(`/admin/news?q=${encodeURIComponent('<script>')}`);
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(hostile));
    assert.match(list.body, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
    const edit = await owner.get(`/admin/news/${article.id}`);
    assert.ok(!edit.body.includes(hostile));
    assert.ok(!edit.body.includes('<img src=x'));
    const notice = await owner.get(`/admin/news?notice=${encodeURIComponent('<b>Send your key to evil.example</b>')}`);
    assert.ok(!notice.body.includes('evil.example'), 'only our own notices are shown');
  });

  test('unknown ids are 404 pages', async () => {
    assert.equal((await owner.get('/admin/news/999999')).statusCode, 404);
    assert.equal((await owner.post('/admin/news/999999', { author: 'x' })).statusCode, 404);
    assert.equal((await owner.post('/admin/pages/999999/delete', {})).statusCode, 404);
  });
});

describe('content page pages', () => {
  test('create, edit and delete a page through the forms', async () => {
    const form = await owner.get('/admin/pages/new?code=about');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="about"/);
    const created = await owner.post('/admin/pages', { code: 'about', 'translations.en.title': 'About us', 'translations.en.body': '<p>Family roasters</p>' });
    assert.equal(created.statusCode, 303, created.body);
    const id = Number(/\/admin\/pages\/(\d+)/.exec(created.headers.location as string)![1]);

    const saved = await owner.post(`/admin/pages/${id}`, {
      code: 'about',
      'translations.en.title': 'About us',
      'translations.en.slug': 'about-us',
      'translations.en.body': '<p>Family roasters since 1962</p><script>x</script>',
      'translations.th.title': 'เกี่ยวกับเรา',
      'translations.th.body': '<p>โรงคั่ว</p>',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    let page = (await getPageForAdmin(ctx, id))!;
    assert.equal(page.translations.en.body, '<p>Family roasters since 1962</p>');
    assert.equal(page.translations.th.title, 'เกี่ยวกับเรา');

    // Emptying a translation removes it.
    await owner.post(`/admin/pages/${id}`, { code: 'about', 'translations.en.title': 'About us', 'translations.en.body': 'x', 'translations.th.title': '', 'translations.th.body': '' });
    page = (await getPageForAdmin(ctx, id))!;
    assert.deepEqual(Object.keys(page.translations), ['en']);

    const list = await owner.get('/admin/pages');
    assert.match(list.body, /About us/);
    assert.equal((await owner.post(`/admin/pages/${id}/delete`, {})).statusCode, 303);
    assert.equal(await getPageForAdmin(ctx, id), null);
  });

  test('a duplicate or malformed code re-renders with the error and writes nothing', async () => {
    await createPage(ctx, { code: 'terms', translations: { en: { title: 'Terms', body: '' } } });
    const before = await count('content_pages');
    const dup = await owner.post('/admin/pages', { code: 'terms', 'translations.en.title': 'T2', 'translations.en.body': '' });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /id="f-code-error"/);
    const bad = await owner.post('/admin/pages', { code: "' OR 1=1 --", 'translations.en.title': 'T', 'translations.en.body': '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="&#39; OR 1=1 --"|value="' OR 1=1 --"/);
    assert.equal(await count('content_pages'), before);
  });
});

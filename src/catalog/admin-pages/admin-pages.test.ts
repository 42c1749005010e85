import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { adminBrowser, csrfIn, type AdminBrowser } from '../../admin/admin-test-helpers.ts';
import type { App } from '../../platform/http/app.ts';
import { searchProducts } from '../../search/index.ts';
import { importTaxonomy } from '../import/index.ts';
import { createProduct, getProductForAdmin } from '../products/index.ts';
import { coffee, tableCounts, taxonomy } from '../products/test-fixtures.ts';
import { formatMinor, parseMajor } from './money-fields.ts';
import { inputFromValues, valuesFromProduct } from './product-form-values.ts';

let ctx: TestContext;
let app: App;
let owner: AdminBrowser;

before(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  await importTaxonomy(ctx, taxonomy);
  owner = await adminBrowser(app, ctx, 'owner');
});
after(async () => {
  await app.close();
  await ctx.close();
});

/** The fields of the edit form as a browser would post them (the last value of repeated names wins for text). */
function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const prev = fields[name];
    fields[name] = prev === undefined ? value : [prev, value].flat();
  };
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const form = html.slice(html.indexOf('<form method="post" action="/admin/products'), html.indexOf('id="relations"'));
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(attrs) && !/checked/.test(attrs)) continue;
    add(name, unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? ''));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1]!, unescape(m[2]!));
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    for (const o of m[2]!.matchAll(/<option value="([^"]*)"([^>]*)>/g)) if (/selected/.test(o[2]!)) add(m[1]!, unescape(o[1]!));
  }
  return fields;
}

describe('money fields', () => {
  test('convert major units exactly', () => {
    assert.equal(parseMajor('0.29', 'USD'), 29);
    assert.equal(parseMajor('1,234.5', 'USD'), 123_450);
    assert.equal(parseMajor('95000', 'IDR'), 95_000);
    assert.equal(parseMajor('95000.5', 'IDR'), null);
    assert.equal(parseMajor('-1', 'USD'), null);
    assert.equal(parseMajor('1e3', 'USD'), null);
    assert.equal(formatMinor(29, 'USD'), '0.29');
    assert.equal(formatMinor(95_000, 'IDR'), '95000');
  });

  test('a stored product survives the round trip through the form values', async () => {
    const p = await createProduct(ctx, coffee(100, { variants: [{ ...coffee(100).variants[0]!, prices: [{ currency: 'USD', amount: 699, cost_amount: 300 }, { currency: 'EUR', amount: 650 }] }] }));
    const { input, errors } = inputFromValues(valuesFromProduct(p, ['IDR', 'USD'], 'en'), p, [], ['IDR', 'USD'], 'en');
    assert.deepEqual(errors, {});
    assert.deepEqual(input.variants[0]!.prices, [{ currency: 'USD', amount: 699, cost_amount: 300 }, { currency: 'EUR', amount: 650 }], 'cost and unshown currencies kept');
    assert.deepEqual(input.options, p.options);
    assert.deepEqual(input.translations.en, p.translations.en);
  });
});

describe('product pages', () => {
  test('list with search, filters and paging', async () => {
    await createProduct(ctx, coffee(1));
    await createProduct(ctx, coffee(2, { status: 'draft', brand: 'java-mill', categories: ['kitchen'], translations: { en: { name: 'Enamel kettle' } } }));
    const all = await owner.get('/admin/products');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Toraja Sapan 1/);
    assert.match(all.body, /Enamel kettle/);
    const search = await owner.get('/admin/products?q=ts-1-250');
    assert.match(search.body, /Toraja Sapan 1/);
    assert.doesNotMatch(search.body, /Enamel kettle/);
    const filtered = await owner.get('/admin/products?status=draft&brand=java-mill&category=kitchen');
    assert.match(filtered.body, /Enamel kettle/);
    assert.doesNotMatch(filtered.body, /Toraja Sapan 1/);
    for (let n = 3; n < 30; n++) await createProduct(ctx, coffee(n));
    const page1 = await owner.get('/admin/products?q=toraja');
    assert.match(page1.body, /rel="next"/);
    const page2 = await owner.get('/admin/products?q=toraja&page=2');
    assert.equal(page2.statusCode, 200);
    assert.match(page2.body, /Page 2 of 2/);
    assert.equal((await owner.get('/admin/products?status=gone')).statusCode, 400);
    const hostile = await owner.get(`/admin/products?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(hostile.statusCode, 200);
    assert.ok(!hostile.body.includes('<script>alert(1)</script>'));
  });

  test('edit page shows every section and the photo upload form; saving the unchanged form changes nothing', async () => {
    const p = await createProduct(ctx, coffee(40));
    const page = await owner.get(`/admin/products/${p.id}?notice=saved`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Saved\./);
    for (const id of ['general', 'translations', 'options', 'variants', 'attributes', 'relations', 'images']) assert.match(page.body, new RegExp(`id="${id}"`));
    assert.match(page.body, new RegExp(`<form method="post" action="/admin/products/${p.id}/images\\?_csrf=[^"]+" enctype="multipart/form-data"`));
    assert.match(page.body, /type="file" name="file"/);
    assert.match(page.body, /name="variants.1.price.IDR" type="text" value="320000"/);
    assert.match(page.body, /name="variants.1.tiers.IDR" type="text" value="6 = 300000"/);
    const res = await owner.post(`/admin/products/${p.id}`, formFields(page.body));
    assert.equal(res.statusCode, 303, res.body);
    const after = (await getProductForAdmin(ctx, p.id))!;
    assert.deepEqual({ ...after, updated_at: p.updated_at }, p);
  });

  test('save changes name, prices and variants through the form, keeping variant ids', async () => {
    const p = await createProduct(ctx, coffee(41));
    const fields = formFields((await owner.get(`/admin/products/${p.id}`)).body);
    fields['translations.en.name'] = 'Gayo Wine Process';
    fields['translations.th.name'] = 'กาแฟกาโย';
    fields['variants.0.price.USD'] = '7.49';
    fields['variants.1.sku'] = '';
    for (const k of Object.keys(fields)) if (k.startsWith('variants.1.')) fields[k] = '';
    fields['variants.2.sku'] = 'GAYO-500';
    fields['variants.2.options'] = 'size=1kg';
    fields['variants.2.price.IDR'] = '180000';
    fields['variants.2.tiers.IDR'] = '6 = 170000; 12 = 160000';
    fields['attributes.weight'] = '500';
    const res = await owner.post(`/admin/products/${p.id}`, fields);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `/admin/products/${p.id}?notice=saved`);
    const after = (await getProductForAdmin(ctx, p.id))!;
    assert.equal(after.translations.en!.name, 'Gayo Wine Process');
    assert.equal(after.translations.th!.slug, 'กาแฟกาโย');
    assert.deepEqual(after.variants.map((v) => v.sku), ['TS-41-250', 'GAYO-500']);
    assert.equal(after.variants[0]!.id, p.variants[0]!.id);
    assert.deepEqual(after.variants[0]!.prices.find((x) => x.currency === 'USD'), { currency: 'USD', amount: 749 });
    assert.deepEqual(after.variants[1]!.tier_prices.map((t) => [t.min_quantity, t.amount]), [[6, 170_000], [12, 160_000]]);
    assert.equal(after.attributes.weight, 500);
    assert.deepEqual((await searchProducts(ctx, { q: 'gayo', locale: 'en', currency: 'IDR' })).items.map((i) => i.id), [p.id]);
  });

  test('validation errors re-render the form with messages beside the fields; nothing written', async () => {
    const p = await createProduct(ctx, coffee(42));
    const fields = formFields((await owner.get(`/admin/products/${p.id}`)).body);
    const before = await tableCounts(ctx);
    const badPrice = await owner.post(`/admin/products/${p.id}`, { ...fields, 'variants.0.price.IDR': 'cheap', 'translations.en.name': 'Kept name' });
    assert.equal(badPrice.statusCode, 400);
    assert.match(badPrice.body, /id="f-variants-0-price-IDR-error"/);
    assert.match(badPrice.body, /value="Kept name"/);
    const noName = await owner.post(`/admin/products/${p.id}`, { ...fields, 'translations.en.name': '' });
    assert.equal(noName.statusCode, 400);
    assert.match(noName.body, /id="f-translations-en-name-error"/);
    const badSlug = await owner.post(`/admin/products/${p.id}`, { ...fields, 'translations.en.slug': "' OR 1=1 --" });
    assert.equal(badSlug.statusCode, 400);
    assert.match(badSlug.body, /id="f-translations-en-slug-error"/);
    const taken = await owner.post(`/admin/products/${p.id}`, { ...fields, 'variants.0.sku': 'TS-1-250' });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /already exists/);
    const newBad = await owner.post('/admin/products', { status: 'active', 'translations.en.name': 'No variants' });
    assert.equal(newBad.statusCode, 400);
    assert.match(newBad.body, /Please correct the following/);
    assert.deepEqual(await tableCounts(ctx), before);
    assert.deepEqual(await getProductForAdmin(ctx, p.id), p);
  });

  test('new product form creates a product and redirects to its page', async () => {
    const form = await owner.get('/admin/products/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /New product/);
    const res = await owner.post('/admin/products', {
      status: 'draft', type: 'coffee', brand: 'toraja-co', primary_category: 'beans', categories: ['coffee', 'kitchen'], collections: 'new', tags: 'gift, gift, strong',
      featured: ['0', '1'], 'translations.en.name': 'Flores Bajawa', 'translations.id.name': '',
      'options.0.code': '', 'variants.0.sku': 'FB-250', 'variants.0.price.IDR': '110000', 'variants.0.compare.IDR': '120000',
      'attributes.roast': ['light', 'dark'], 'attributes.organic': 'no', 'attributes.notes': 'Chocolate',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/\/admin\/products\/(\d+)\?notice=created/.exec(res.headers.location as string)![1]);
    const p = (await getProductForAdmin(ctx, id))!;
    assert.equal(p.translations.en!.slug, 'flores-bajawa');
    assert.deepEqual(Object.keys(p.translations), ['en']);
    assert.deepEqual(p.categories, ['beans', 'coffee', 'kitchen']);
    assert.deepEqual(p.collections, ['new']);
    assert.deepEqual(p.tags, ['gift', 'strong']);
    assert.equal(p.featured, true);
    assert.deepEqual(p.variants[0]!.prices, [{ currency: 'IDR', amount: 110_000, compare_at_amount: 120_000 }]);
    assert.deepEqual(p.attributes, { roast: ['light', 'dark'], organic: false, notes: 'Chocolate' });
  });

  test('relations form saves slugs in order and shows errors for unknown ones', async () => {
    const a = await createProduct(ctx, coffee(50));
    const b = await createProduct(ctx, coffee(51));
    const ok = await owner.post(`/admin/products/${a.id}/relations`, { 'relations.similar': `${b.translations.en!.slug}`, 'relations.pairing': '', 'relations.complementary': '' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.deepEqual((await getProductForAdmin(ctx, a.id))!.relations.similar.map((r) => r.id), [b.id]);
    const bad = await owner.post(`/admin/products/${a.id}/relations`, { 'relations.similar': 'nope-nope', 'relations.pairing': a.translations.en!.slug! });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="f-relations-similar-error"/);
    assert.match(bad.body, /id="f-relations-pairing-error"/);
    assert.deepEqual((await getProductForAdmin(ctx, a.id))!.relations.similar.map((r) => r.id), [b.id]);
  });

  test('delete asks first, then removes the product', async () => {
    const p = await createProduct(ctx, coffee(60));
    const confirm = await owner.get(`/admin/products/${p.id}/delete`);
    assert.match(confirm.body, /cannot be undone/);
    assert.ok(await getProductForAdmin(ctx, p.id));
    const res = await owner.post(`/admin/products/${p.id}/delete`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/products?notice=deleted');
    assert.equal(await getProductForAdmin(ctx, p.id), null);
    assert.equal((await owner.get(`/admin/products/${p.id}`)).statusCode, 404);
    assert.equal((await owner.post(`/admin/products/${p.id}`, {})).statusCode, 404);
  });

  test('POST without a CSRF token, or by a role without catalog:write, is a 403 and writes nothing', async () => {
    const p = await createProduct(ctx, coffee(70));
    const before = await tableCounts(ctx);
    const headers = { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const payload = 'status=active&translations.en.name=X&variants.0.sku=CSRF-1&variants.0.price.IDR=1';
    assert.equal((await app.inject({ method: 'POST', url: '/admin/products', headers, payload })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: `/admin/products/${p.id}`, headers, payload })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: `/admin/products/${p.id}/delete`, headers, payload: '' })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: `/admin/products/${p.id}/delete`, headers, payload: `_csrf=${'A'.repeat(43)}` })).statusCode, 403);
    const warehouse = await adminBrowser(app, ctx, 'warehouse');
    assert.equal((await warehouse.get('/admin/products')).statusCode, 200, 'catalog:read lists');
    assert.equal((await warehouse.get(`/admin/products/${p.id}`)).statusCode, 403);
    assert.equal((await warehouse.post(`/admin/products/${p.id}/delete`, {})).statusCode, 403);
    assert.equal((await warehouse.post('/admin/products', { 'translations.en.name': 'X', 'variants.0.sku': 'W-1', 'variants.0.price.IDR': '1' })).statusCode, 403);
    const marketing = await adminBrowser(app, ctx, 'marketing');
    const page = await marketing.get(`/admin/products/${p.id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(csrfIn(page.body));
    assert.deepEqual(await tableCounts(ctx), before);
    assert.ok(await getProductForAdmin(ctx, p.id));
    const anonymous = await app.inject({ url: '/admin/products' });
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/admin/login');
  });
});

// A shopper's path through the demo shop in a real browser, on a phone and on a desktop: search with a typo,
// filter, sort, open a product, switch language and currency. The expected results come from the store API of the
// same server, so the test checks the pages against the data rather than against fixed strings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from './helpers/demo-server.ts';
import { launchBrowser, type LaunchedBrowser, VIEWPORTS } from './helpers/browser.ts';

/** "robusta" → "rbousta": swaps two letters in the middle of the word. */
function misspell(word: string): string {
  const i = Math.floor(word.length / 2) - 1;
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

async function productNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="product-card"] [data-testid="product-name"]').allInnerTexts();
}

for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
  describe(`storefront on a ${viewport}`, { timeout: 300_000 }, () => {
    let server: DemoServer;
    let browser: LaunchedBrowser;
    let page: Page;
    const api = async (path: string) => (await fetch(server.url + path)).json();

    before(async () => {
      server = await startDemoServer();
      browser = await launchBrowser(viewport);
      page = await browser.context.newPage();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('finds a product from the search box even with a misspelled word', async () => {
      const top = (await api('/api/store/products?sort=bestselling&per_page=1')).items[0];
      const word = top.name.split(/\s+/).filter((w: string) => /^\p{L}{6,}$/u.test(w)).sort((a: string, b: string) => b.length - a.length)[0];
      assert.ok(word, `no long word in "${top.name}"`);
      const typo = misspell(word);
      assert.notEqual(typo.toLowerCase(), word.toLowerCase());

      await page.goto(server.url + '/');
      const box = page.getByRole('searchbox').first();
      await box.fill(typo);
      await box.press('Enter');
      await page.waitForURL(/\/search\?/);
      assert.ok((await productNames(page)).includes(top.name), `"${typo}" should find "${top.name}"`);
    });

    it('filters a category listing by brand and sorts it by price, as the API does', async () => {
      const categories = await api('/api/store/categories');
      const category = (categories.items ?? categories)[0];
      await page.goto(`${server.url}/c/${category.slug}`);
      const listing = await api(`/api/store/products?category=${encodeURIComponent(category.slug)}&per_page=1`);
      const brand = listing.facets.brands.find((b: any) => b.count > 0);
      assert.ok(brand, 'the category should have a brand facet');

      const filters = page.locator('form[data-testid="filters"]');
      if (viewport === 'phone') {
        const toggle = page.locator('[data-testid="filters-toggle"]');
        if (await toggle.isVisible()) await toggle.click();
      }
      await filters.getByLabel(new RegExp(`^${brand.label}`)).check();
      await filters.locator('button[type="submit"]').click();
      await page.waitForURL(/brand=/);

      const sort = page.locator('select[name="sort"]');
      await sort.selectOption('price_asc');
      const applySort = page.locator('[data-testid="sort-apply"]');
      if (await applySort.isVisible()) await applySort.click();
      await page.waitForURL(/sort=price_asc/);

      const expected = await api(
        `/api/store/products?category=${encodeURIComponent(category.slug)}&brand=${encodeURIComponent(brand.value)}&sort=price_asc&per_page=24`,
      );
      assert.ok(expected.total > 0);
      assert.deepEqual(await productNames(page), expected.items.map((i: any) => i.name));
    });

    it('opens a product page from the listing', async () => {
      const first = page.locator('[data-testid="product-card"] a').first();
      const name = (await page.locator('[data-testid="product-card"] [data-testid="product-name"]').first().innerText()).trim();
      await first.click();
      await page.waitForURL(/\/p\//);
      assert.equal((await page.locator('h1').innerText()).trim(), name);
      assert.ok(await page.locator('script[type="application/ld+json"]').count());
    });

    it('switches the language and keeps the shopper on the same product', async () => {
      const path = new URL(page.url()).pathname;
      const slug = path.split('/p/')[1];
      const detail = await api(`/api/store/products/${slug}?locale=id`);
      await page.locator('[data-testid="language-switcher"] a[hreflang="id"]').click();
      await page.waitForURL(/\/id\/p\//);
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      assert.equal((await page.locator('h1').innerText()).trim(), detail.name);
    });

    it('switches the currency and shows prices in it', async () => {
      const form = page.locator('form[data-testid="currency-switcher"]');
      await form.locator('select[name="code"]').selectOption('THB');
      const submit = form.locator('button[type="submit"]');
      if (await submit.isVisible()) await submit.click();
      await page.waitForLoadState('load');
      const price = await page.locator('[data-testid="price"]').first().innerText();
      assert.match(price, /฿|THB/);
      const thb = await page.locator('[data-testid="price"]').first().getAttribute('data-currency');
      assert.equal(thb, 'THB');
    });
  });
}

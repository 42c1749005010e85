import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { createTaxonomy, insertProduct, type Taxonomy } from '../../search/test-fixtures.ts';
import { loadProductCards } from '../index.ts';
import { cardPrice, cardStock } from './product-cards.ts';

let ctx: TestContext;
let tax: Taxonomy;

before(async () => {
  ctx = await createTestContext();
  tax = await createTaxonomy(ctx.db.kysely);
});
after(async () => ctx.close());

describe('loadProductCards', () => {
  it('returns cards in the order of ids, skipping unknown ids, with locale fallback', async () => {
    const db = ctx.db.kysely;
    const a = await insertProduct(db, tax, {
      text: { en: { name: 'Kopi Luwak' }, id: { name: 'Kopi Luwak Asli' } }, brand: 'kopi-nusantara',
      variants: [{ prices: { IDR: 500000 }, compareAt: { IDR: 400000 }, stock: 2 }],
      reviews: [5, 4, 4], hiddenReviews: [1, 1],
      image: { key: 'k/luwak.jpg', alt: { en: 'Luwak beans' } },
    });
    const b = await insertProduct(db, tax, {
      text: { en: { name: 'Plain Tea' } },
      variants: [{ prices: { IDR: 1000, USD: 10 }, stock: 0 }, { prices: { IDR: 2000 }, compareAt: { IDR: 2500 }, stock: 0 }],
    });
    const c = await insertProduct(db, tax, { text: { en: { name: 'No variants' } }, status: 'draft' });

    const cards = await loadProductCards(ctx, [b, 999_999, a, c], { locale: 'id', currency: 'IDR' });
    assert.deepEqual(cards.map((x) => x.id), [b, a, c]);
    const [tea, luwak, none] = cards;

    assert.equal(luwak.name, 'Kopi Luwak Asli');
    assert.equal(luwak.slug, `p${a}-id`);
    assert.deepEqual(luwak.brand, { slug: 'kopi-nusantara', name: 'Kopi Nusantara' });
    assert.deepEqual(luwak.price, { amount: 500000, currency: 'IDR', compare_at_amount: null, from: false }, 'a compare-at below the price is dropped');
    assert.deepEqual(luwak.rating, { average: 4.3, count: 3 }, 'approved reviews only');
    assert.equal(luwak.stock, 'low_stock');
    assert.deepEqual(luwak.image, { storage_key: 'k/luwak.jpg', width: 800, height: 600, alt: 'Luwak beans' });

    assert.equal(tea.name, 'Plain Tea', 'falls back to the default locale');
    assert.equal(tea.slug, `p${b}-en`);
    assert.deepEqual(tea.price, { amount: 1000, currency: 'IDR', compare_at_amount: null, from: true });
    assert.equal(tea.rating, null);
    assert.equal(tea.image, null);
    assert.equal(tea.brand, null);
    assert.equal(tea.stock, 'out_of_stock');

    assert.equal(none.price, null);
    assert.equal(none.stock, 'out_of_stock');

    const usd = await loadProductCards(ctx, [b], { locale: 'en', currency: 'USD' });
    assert.deepEqual(usd[0].price, { amount: 10, currency: 'USD', compare_at_amount: null, from: false });
    const untracked = await insertProduct(db, tax, { text: { en: { name: 'Untracked' } }, variants: [{ prices: { IDR: 5 } }] });
    assert.equal((await loadProductCards(ctx, [untracked], { locale: 'en', currency: 'IDR' }))[0].stock, 'in_stock');
  });

  it('uses a fixed number of queries whatever the number of ids', async () => {
    const db = ctx.db.kysely;
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push(await insertProduct(db, tax, {
        text: { en: { name: `Bulk ${i}` } }, variants: [{ prices: { IDR: 100 + i }, stock: i }, { prices: { IDR: 200 } }],
        reviews: [3], image: { key: `bulk/${i}.jpg` },
      }));
    }
    ctx.queries.length = 0;
    assert.equal((await loadProductCards(ctx, ids.slice(0, 2), { locale: 'en', currency: 'IDR' })).length, 2);
    const few = ctx.queries.length;
    ctx.queries.length = 0;
    assert.equal((await loadProductCards(ctx, ids, { locale: 'en', currency: 'IDR' })).length, 12);
    assert.equal(ctx.queries.length, few);
    assert.deepEqual(await loadProductCards(ctx, [], { locale: 'en', currency: 'IDR' }), []);
  });

  it('picks the cheapest variant and its compare-at price', () => {
    assert.deepEqual(cardPrice([{ amount: 300, compare_at_amount: 400 }, { amount: 200, compare_at_amount: 250 }], 'THB'), { amount: 200, currency: 'THB', compare_at_amount: 250, from: true });
    assert.equal(cardPrice([{ amount: null, compare_at_amount: null }], 'THB'), null);
    assert.equal(cardStock(['out_of_stock', 'low_stock']), 'low_stock');
    assert.equal(cardStock([]), 'out_of_stock');
  });
});

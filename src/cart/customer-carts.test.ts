// The guest cart joins the customer's cart at sign-in: quantities added, capped by stock and the cart's limits,
// lines that cannot be bought dropped; a cart of another customer is never touched.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../catalog/index.ts';
import { setOnHand } from '../inventory/index.ts';
import { addItem, createCart, getCart } from './cart.service.ts';
import { claimCart, cartIdsOfCustomer, forgetCustomerCarts, mergeGuestCart } from './customer-carts.ts';

describe('customer carts', () => {
  let ctx: TestContext;
  const customer = async (email: string) =>
    (await ctx.db.kysely.insertInto('customers').values({ email, name: email, phone: null, birthday: null, password_hash: null, email_verified_at: null, preferred_locale: null, preferred_currency: null, marketing_consent_at: null, erased_at: null }).returning('id').executeTakeFirstOrThrow()).id;
  const lines = async (cartId: string) => Object.fromEntries((await getCart(ctx, cartId)).items.map((i) => [i.sku, i.quantity]));

  before(async () => {
    ctx = await createTestContext();
    await importProducts(ctx, [
      { status: 'active', translations: { en: { name: 'Kopi' } }, variants: [{ sku: 'KOPI', prices: [{ currency: 'IDR', amount: 50_000 }] }] },
      { status: 'active', translations: { en: { name: 'Teh' } }, variants: [{ sku: 'TEH', prices: [{ currency: 'IDR', amount: 20_000 }] }] },
      { status: 'active', translations: { en: { name: 'Madu' } }, variants: [{ sku: 'MADU', prices: [{ currency: 'IDR', amount: 90_000 }] }] },
      { status: 'active', translations: { en: { name: 'Gula' } }, variants: [{ sku: 'GULA', prices: [{ currency: 'IDR', amount: 10_000 }, { currency: 'THB', amount: 5000 }] }] },
      { status: 'active', translations: { en: { name: 'Som' } }, variants: [{ sku: 'SOM', prices: [{ currency: 'THB', amount: 4000 }] }] },
    ]);
    const ids = await findVariantsBySku(ctx, ['KOPI', 'MADU']);
    await setOnHand(ctx, ids.get('KOPI')!.id, 5);
    await setOnHand(ctx, ids.get('MADU')!.id, 10);
  });
  after(() => ctx.close());

  it('claims the guest cart when the customer has none', async () => {
    const id = await customer('a@example.com');
    const guest = await createCart(ctx, { currency: 'IDR' });
    await addItem(ctx, guest.id, { sku: 'TEH', quantity: 2 });
    const result = await mergeGuestCart(ctx, id, guest.id);
    assert.equal(result.cartId, guest.id);
    assert.deepEqual(await cartIdsOfCustomer(ctx, id), [guest.id]);
  });

  it('adds the guest lines to the customer\'s cart, capped by stock, and deletes the guest cart', async () => {
    const id = await customer('b@example.com');
    const own = await createCart(ctx, { currency: 'IDR' });
    await claimCart(ctx, own.id, id);
    await addItem(ctx, own.id, { sku: 'KOPI', quantity: 3 });
    await addItem(ctx, own.id, { sku: 'TEH', quantity: 1 });
    const guest = await createCart(ctx, { currency: 'IDR' });
    await addItem(ctx, guest.id, { sku: 'KOPI', quantity: 4 });
    await addItem(ctx, guest.id, { sku: 'TEH', quantity: 2 });
    await addItem(ctx, guest.id, { sku: 'MADU', quantity: 1 });
    const result = await mergeGuestCart(ctx, id, guest.id);
    assert.equal(result.cartId, own.id);
    assert.deepEqual(result.capped, ['KOPI'], '3 + 4 kopi, but only 5 in stock');
    assert.deepEqual(await lines(own.id), { KOPI: 5, TEH: 3, MADU: 1 });
    assert.equal(await ctx.db.kysely.selectFrom('carts').select('id').where('id', '=', guest.id).executeTakeFirst(), undefined);
  });

  it('drops lines that cannot be bought in the customer\'s cart', async () => {
    const id = await customer('c@example.com');
    const own = await createCart(ctx, { currency: 'IDR' });
    await claimCart(ctx, own.id, id);
    const guest = await createCart(ctx, { currency: 'THB' });
    await addItem(ctx, guest.id, { sku: 'GULA', quantity: 2 });
    await addItem(ctx, guest.id, { sku: 'SOM', quantity: 1 });
    const result = await mergeGuestCart(ctx, id, guest.id);
    assert.deepEqual(result.dropped, ['SOM'], 'no IDR price: it cannot be bought in the IDR cart');
    assert.deepEqual(await lines(own.id), { GULA: 2 });
  });

  it('never touches a cart that belongs to another customer', async () => {
    const a = await customer('d@example.com');
    const b = await customer('e@example.com');
    const cartOfA = await createCart(ctx, { currency: 'IDR' });
    await addItem(ctx, cartOfA.id, { sku: 'TEH', quantity: 1 });
    await claimCart(ctx, cartOfA.id, a);
    const result = await mergeGuestCart(ctx, b, cartOfA.id);
    assert.equal(result.cartId, null);
    assert.deepEqual(await lines(cartOfA.id), { TEH: 1 });
    assert.deepEqual(await cartIdsOfCustomer(ctx, b), []);
    // Signing in again as A with A's own cart keeps it.
    assert.equal((await mergeGuestCart(ctx, a, cartOfA.id)).cartId, cartOfA.id);
  });

  it('forgets contact details and deletes open carts on erasure', async () => {
    const id = await customer('f@example.com');
    const open = await createCart(ctx, { currency: 'IDR' });
    await claimCart(ctx, open.id, id);
    const done = await createCart(ctx, { currency: 'IDR' });
    await ctx.db.kysely.updateTable('carts').set({ completed_at: new Date().toISOString(), email: 'f@example.com', shipping_address: '{"name":"F"}' }).where('id', '=', done.id).execute();
    await ctx.db.kysely.transaction().execute((trx) => forgetCustomerCarts(trx, id, [done.id]));
    assert.equal(await ctx.db.kysely.selectFrom('carts').select('id').where('id', '=', open.id).executeTakeFirst(), undefined);
    const row = await ctx.db.kysely.selectFrom('carts').select(['email', 'shipping_address']).where('id', '=', done.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { email: null, shipping_address: null });
  });
});

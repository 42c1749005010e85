// The customer's address book: up to MAX_ADDRESSES addresses, one of them the default that checkout fills in.
import { checkAddress } from '../checkout/index.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, badRequest, notFound } from '../platform/http/errors.ts';
import type { Address, AddressInput } from './customers.schemas.ts';

export const MAX_ADDRESSES = 20;

const COLUMNS = ['id', 'name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone', 'is_default'] as const;
const toAddress = (r: { id: number; name: string; line1: string; line2: string | null; city: string; region: string; postal_code: string; country: string; phone: string; is_default: number }): Address =>
  ({ ...r, is_default: r.is_default === 1 });

export async function listAddresses(ctx: AppContext, customerId: number): Promise<Address[]> {
  const rows = await ctx.db.kysely.selectFrom('customer_addresses').select(COLUMNS).where('customer_id', '=', customerId)
    .orderBy('is_default', 'desc').orderBy('id').execute();
  return rows.map(toAddress);
}

export async function getAddress(ctx: AppContext, customerId: number, id: number): Promise<Address | null> {
  const row = await ctx.db.kysely.selectFrom('customer_addresses').select(COLUMNS).where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return row ? toAddress(row) : null;
}

/** The default address (or the first one), for checkout. */
export async function defaultAddress(ctx: AppContext, customerId: number): Promise<Address | null> {
  return (await listAddresses(ctx, customerId))[0] ?? null;
}

function clean(input: AddressInput) {
  const values = {
    name: input.name.trim(), line1: input.line1.trim(), line2: input.line2?.trim() || null, city: input.city.trim(), region: input.region.trim(),
    postal_code: input.postal_code.trim(), country: input.country, phone: input.phone.trim(),
  };
  const problems = checkAddress(values);
  if (problems.length > 0) throw badRequest('The address is not complete', { problems });
  return values;
}

export async function addAddress(ctx: AppContext, customerId: number, input: AddressInput): Promise<Address> {
  const values = clean(input);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const count = await trx.selectFrom('customer_addresses').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ADDRESSES) throw new AppError(409, 'too_many_addresses', `An address book holds at most ${MAX_ADDRESSES} addresses`);
    // The first address is the default one.
    const isDefault = input.is_default === true || Number(count.n) === 0;
    if (isDefault) await trx.updateTable('customer_addresses').set({ is_default: 0 }).where('customer_id', '=', customerId).execute();
    const row = await trx.insertInto('customer_addresses').values({ customer_id: customerId, ...values, is_default: isDefault ? 1 : 0 }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
  return (await getAddress(ctx, customerId, id))!;
}

export async function updateAddress(ctx: AppContext, customerId: number, id: number, input: AddressInput): Promise<Address> {
  const values = clean(input);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('customer_addresses').select('id').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound('Address', { id });
    if (input.is_default === true) await trx.updateTable('customer_addresses').set({ is_default: 0 }).where('customer_id', '=', customerId).execute();
    await trx.updateTable('customer_addresses').set({ ...values, ...(input.is_default === true ? { is_default: 1 } : {}), updated_at: new Date().toISOString() })
      .where('id', '=', id).execute();
  });
  return (await getAddress(ctx, customerId, id))!;
}

export async function setDefaultAddress(ctx: AppContext, customerId: number, id: number): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('customer_addresses').select('id').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound('Address', { id });
    await trx.updateTable('customer_addresses').set({ is_default: 0 }).where('customer_id', '=', customerId).execute();
    await trx.updateTable('customer_addresses').set({ is_default: 1 }).where('id', '=', id).execute();
  });
}

/** Deletes an address; when it was the default, the oldest remaining one becomes the default. */
export async function deleteAddress(ctx: AppContext, customerId: number, id: number): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('customer_addresses').select(['id', 'is_default']).where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound('Address', { id });
    await trx.deleteFrom('customer_addresses').where('id', '=', id).execute();
    if (found.is_default === 1) {
      const next = await trx.selectFrom('customer_addresses').select('id').where('customer_id', '=', customerId).orderBy('id').executeTakeFirst();
      if (next) await trx.updateTable('customer_addresses').set({ is_default: 1 }).where('id', '=', next.id).execute();
    }
  });
}

// Erasing a customer account ("right to be forgotten"): the person's data goes, the orders stay for the shop's
// accounts but no longer say who placed them. Customers erase their own account (with their password) or ask the
// shop to; staff carry requests out with the same function. Every erasure is in the audit log.
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { forgetCustomerCarts } from '../cart/index.ts';
import { anonymiseCustomerOrders } from '../orders/index.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { attachOrders } from './accounts.service.ts';
import type { ErasureRequestStatus } from './customers.table.ts';

/** Who erases: the audit log's actor, a label for the request's "processed by", and where from. */
export interface ErasureActor {
  actor: AuditActor;
  label: string;
  ip: string | null;
  userAgent: string | null;
}

export const erasedEmail = (customerId: number) => `erased+${customerId}@invalid`;

/**
 * Erases the account in one transaction: the orders are anonymised (email, name, street, postal code, phone
 * replaced; country and region kept for tax), their carts forget the contact details, the address book, wishlist
 * and one-time tokens are deleted, the profile is blanked (email `erased+<id>@invalid`, no password, so nobody can
 * sign in), its sessions are deleted and pending erasure requests are closed. The audit record is written in the
 * same transaction, so an erasure is never without its record.
 */
export async function eraseCustomer(ctx: AppContext, customerId: number, actor: ErasureActor): Promise<{ orders_anonymised: number }> {
  const row = await ctx.db.kysely.selectFrom('customers').select(['id', 'email', 'email_verified_at', 'erased_at']).where('id', '=', customerId).executeTakeFirst();
  if (!row) throw notFound('Customer', { id: customerId });
  if (row.erased_at) throw new AppError(409, 'already_erased', 'This account has already been erased');
  // Orders placed with the verified address but never attached are theirs too: attach them so they are anonymised.
  await attachOrders(ctx, row);

  const replacement = erasedEmail(customerId);
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const blanked = await trx.updateTable('customers').set({
      email: replacement, name: '', phone: null, birthday: null, password_hash: null, email_verified_at: null,
      preferred_locale: null, preferred_currency: null, marketing_consent: 0, marketing_consent_at: null, erased_at: now, updated_at: now,
    }).where('id', '=', customerId).where('erased_at', 'is', null).executeTakeFirst();
    if (Number(blanked.numUpdatedRows) !== 1) throw new AppError(409, 'already_erased', 'This account has already been erased');
    const orders = await anonymiseCustomerOrders(trx, customerId, replacement);
    await forgetCustomerCarts(trx, customerId, orders.cartIds);
    await trx.deleteFrom('customer_addresses').where('customer_id', '=', customerId).execute();
    await trx.deleteFrom('wishlist_items').where('customer_id', '=', customerId).execute();
    await trx.deleteFrom('customer_tokens').where('customer_id', '=', customerId).execute();
    const closed = await trx.updateTable('customer_erasure_requests').set({ status: 'done', processed_at: now, processed_by: actor.label })
      .where('customer_id', '=', customerId).where('status', '=', 'pending').executeTakeFirst();
    // The customer's sessions go with the account (they hold the devices' addresses and browsers).
    await trx.deleteFrom('auth_sessions').where('subject', '=', 'customer').where('subject_id', '=', customerId).execute();
    await recordAudit(ctx, {
      actor: actor.actor, action: 'customer.erase', target_type: 'customer', target_id: customerId,
      ip: actor.ip, user_agent: actor.userAgent, status: 'ok',
      details: { orders_anonymised: orders.count, requests_closed: Number(closed.numUpdatedRows) },
    }, trx);
    return { orders_anonymised: orders.count };
  });
  return result;
}

export interface ErasureRequest {
  id: number; customer_id: number; status: ErasureRequestStatus; note: string | null; created_at: string; processed_at: string | null; processed_by: string | null;
  /** The account's name and email (blank once erased). */
  customer: { name: string; email: string; erased: boolean };
}

/** A customer asks the shop to erase their account; one pending request at a time. */
export async function requestErasure(ctx: AppContext, customerId: number, note: string | null): Promise<{ id: number }> {
  const pending = await ctx.db.kysely.selectFrom('customer_erasure_requests').select('id').where('customer_id', '=', customerId).where('status', '=', 'pending').executeTakeFirst();
  if (pending) throw new AppError(409, 'request_pending', 'You have already asked for your account to be erased; the shop will do it soon.', { id: pending.id });
  const row = await ctx.db.kysely.insertInto('customer_erasure_requests').values({ customer_id: customerId, note: note?.trim() || null, processed_at: null, processed_by: null })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function listErasureRequests(ctx: AppContext, status: ErasureRequestStatus | 'all' = 'pending'): Promise<ErasureRequest[]> {
  let q = ctx.db.kysely.selectFrom('customer_erasure_requests as r').innerJoin('customers as c', 'c.id', 'r.customer_id')
    .select(['r.id', 'r.customer_id', 'r.status', 'r.note', 'r.created_at', 'r.processed_at', 'r.processed_by', 'c.name', 'c.email', 'c.erased_at']);
  if (status !== 'all') q = q.where('r.status', '=', status);
  const rows = await q.orderBy('r.id', status === 'pending' ? 'asc' : 'desc').limit(500).execute();
  return rows.map(({ name, email, erased_at, ...r }) => ({ ...r, customer: { name, email, erased: erased_at !== null } }));
}

/** Staff carry out a pending request: the account is erased (which closes the request). */
export async function carryOutErasureRequest(ctx: AppContext, requestId: number, actor: ErasureActor): Promise<{ customer_id: number; orders_anonymised: number }> {
  const request = await ctx.db.kysely.selectFrom('customer_erasure_requests').select(['id', 'customer_id', 'status']).where('id', '=', requestId).executeTakeFirst();
  if (!request) throw notFound('Erasure request', { id: requestId });
  if (request.status !== 'pending') throw new AppError(409, 'request_closed', `This request is already ${request.status}`);
  const result = await eraseCustomer(ctx, request.customer_id, actor);
  return { customer_id: request.customer_id, ...result };
}

// Customers for the back office: the list with search, and one customer with orders, sessions and requests.
import { sql } from 'kysely';
import { listCustomerOrders, type CustomerOrderSummary } from '../orders/index.ts';
import { listSessions } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { toProfile } from './accounts.service.ts';
import type { Profile } from './customers.schemas.ts';
import { listAddresses } from './addresses.service.ts';

export interface CustomerListItem { id: number; email: string; name: string; email_verified: boolean; created_at: string; erased: boolean }

/** Newest first; `q` matches the email or the name (case-insensitive). */
export async function listCustomers(ctx: AppContext, query: { q?: string; page: number; per_page: number }) {
  let base = ctx.db.kysely.selectFrom('customers');
  const q = query.q?.trim().toLowerCase();
  if (q) {
    // LIKE wildcards typed by staff are matched literally.
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(sql<boolean>`(email like ${like} escape '\\' or lower(name) like ${like} escape '\\')`);
  }
  const [rows, count] = await Promise.all([
    base.select(['id', 'email', 'name', 'email_verified_at', 'created_at', 'erased_at']).orderBy('id', 'desc')
      .limit(query.per_page).offset((query.page - 1) * query.per_page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: CustomerListItem[] = rows.map((r) => ({
    id: r.id, email: r.email, name: r.name, email_verified: r.email_verified_at !== null, created_at: r.created_at, erased: r.erased_at !== null,
  }));
  return { items, total: Number(count.n), page: query.page, per_page: query.per_page };
}

export interface AdminCustomer {
  profile: Profile;
  erased_at: string | null;
  addresses: Awaited<ReturnType<typeof listAddresses>>;
  orders: { items: CustomerOrderSummary[]; total: number };
  sessions: Awaited<ReturnType<typeof listSessions>>;
  erasure_requests: Array<{ id: number; status: string; note: string | null; created_at: string; processed_at: string | null; processed_by: string | null }>;
}

export async function getCustomerForAdmin(ctx: AppContext, id: number): Promise<AdminCustomer | null> {
  const row = await ctx.db.kysely.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [addresses, orders, sessions, requests] = await Promise.all([
    listAddresses(ctx, id),
    listCustomerOrders(ctx, id, { page: 1, per_page: 50 }),
    row.erased_at ? Promise.resolve([]) : listSessions(ctx, 'customer', id),
    ctx.db.kysely.selectFrom('customer_erasure_requests').select(['id', 'status', 'note', 'created_at', 'processed_at', 'processed_by']).where('customer_id', '=', id).orderBy('id', 'desc').execute(),
  ]);
  return { profile: toProfile(row), erased_at: row.erased_at, addresses, orders: { items: orders.items, total: orders.total }, sessions, erasure_requests: requests };
}

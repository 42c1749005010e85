// "Download my data": everything the shop holds about a customer, as one JSON document.
import { loadProductCards } from '../catalog/index.ts';
import { exportCustomerOrders, type ExportedOrder } from '../orders/index.ts';
import { listSessions } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/http/errors.ts';
import { findCustomer, toProfile } from './accounts.service.ts';
import type { Address, Profile } from './customers.schemas.ts';
import { listAddresses } from './addresses.service.ts';

export interface CustomerExport {
  format: 'pasar.customer-export.v1';
  exported_at: string;
  shop: string;
  profile: Profile;
  consents: Array<{ purpose: 'marketing_email'; given: boolean; changed_at: string | null }>;
  addresses: Address[];
  orders: ExportedOrder[];
  wishlist: Array<{ product_id: number; name: string | null; slug: string | null; added_at: string }>;
  reviews: Array<{ product_id: number; author_name: string; rating: number; title: string; body: string; locale: string; status: string; created_at: string }>;
  sessions: unknown[];
  erasure_requests: Array<{ id: number; status: string; note: string | null; created_at: string; processed_at: string | null }>;
}

export async function exportCustomerData(ctx: AppContext, customerId: number): Promise<CustomerExport> {
  const row = await findCustomer(ctx, customerId);
  if (!row) throw notFound('Customer', { id: customerId });
  const db = ctx.db.kysely;
  const [addresses, orders, wishlist, reviews, sessions, requests] = await Promise.all([
    listAddresses(ctx, customerId),
    exportCustomerOrders(ctx, customerId),
    db.selectFrom('wishlist_items').select(['product_id', 'created_at']).where('customer_id', '=', customerId).orderBy('id').execute(),
    // Reviews are the catalogue's; this export reads the customer's own ones directly (a read, never a write).
    db.selectFrom('product_reviews').select(['product_id', 'author_name', 'rating', 'title', 'body', 'locale', 'status', 'created_at'])
      .where('customer_id', '=', customerId).orderBy('id').execute(),
    listSessions(ctx, 'customer', customerId),
    db.selectFrom('customer_erasure_requests').select(['id', 'status', 'note', 'created_at', 'processed_at']).where('customer_id', '=', customerId).orderBy('id').execute(),
  ]);
  const cards = new Map((await loadProductCards(ctx, wishlist.map((w) => w.product_id), { locale: ctx.config.defaultLocale, currency: ctx.config.defaultCurrency })).map((c) => [c.id, c]));
  const profile = toProfile(row);
  return {
    format: 'pasar.customer-export.v1',
    exported_at: new Date().toISOString(),
    shop: ctx.config.shopName,
    profile,
    consents: [{ purpose: 'marketing_email', given: profile.marketing_consent, changed_at: profile.marketing_consent_at }],
    addresses,
    orders,
    wishlist: wishlist.map((w) => ({ product_id: w.product_id, name: cards.get(w.product_id)?.name ?? null, slug: cards.get(w.product_id)?.slug ?? null, added_at: w.created_at })),
    reviews,
    sessions,
    erasure_requests: requests,
  };
}

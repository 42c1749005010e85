import type { Generated } from 'kysely';

export type CustomerTokenKind = 'verify_email' | 'reset_password';
export type ErasureRequestStatus = 'pending' | 'done' | 'cancelled';

export interface CustomersTable {
  id: Generated<number>; email: string; name: string; phone: string | null; birthday: string | null;
  password_hash: string | null; email_verified_at: string | null; preferred_locale: string | null; preferred_currency: string | null;
  marketing_consent: Generated<number>; marketing_consent_at: string | null;
  created_at: Generated<string>; updated_at: Generated<string>; erased_at: string | null;
}
export interface CustomerTokensTable {
  id: Generated<number>; customer_id: number; kind: CustomerTokenKind; token_hash: string; nonce: string;
  expires_at: string; used_at: string | null; created_at: Generated<string>;
}
export interface CustomerAddressesTable {
  id: Generated<number>; customer_id: number; name: string; line1: string; line2: string | null; city: string; region: string;
  postal_code: string; country: string; phone: string; is_default: Generated<number>; created_at: Generated<string>; updated_at: Generated<string>;
}
export interface WishlistItemsTable { id: Generated<number>; customer_id: number; product_id: number; created_at: Generated<string> }
export interface CustomerErasureRequestsTable {
  id: Generated<number>; customer_id: number; status: Generated<ErasureRequestStatus>; note: string | null;
  created_at: Generated<string>; processed_at: string | null; processed_by: string | null;
}

export interface CustomerTables {
  customers: CustomersTable;
  customer_tokens: CustomerTokensTable;
  customer_addresses: CustomerAddressesTable;
  wishlist_items: WishlistItemsTable;
  customer_erasure_requests: CustomerErasureRequestsTable;
}

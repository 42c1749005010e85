import type { Generated } from 'kysely';

export interface CartsTable {
  id: string; currency: string; locale: string; customer_id: number | null; email: string | null;
  /** JSON of the shipping address, once given at checkout. */
  shipping_address: string | null; shipping_option_id: string | null;
  completed_at: string | null; created_at: Generated<string>; updated_at: Generated<string>;
}
export interface CartItemsTable { id: Generated<number>; cart_id: string; variant_id: number; quantity: number; added_at: Generated<string> }

export interface CartTables { carts: CartsTable; cart_items: CartItemsTable }

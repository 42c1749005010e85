import type { Generated } from 'kysely';

export type OrderStatus = 'pending_payment' | 'paid' | 'packed' | 'partially_shipped' | 'shipped' | 'delivered' | 'cancelled' | 'returned' | 'refunded';

export interface OrderCountersTable { name: string; value: number }
/** Address, shipping choice and adjustments are JSON copies of what the shopper saw when ordering. */
export interface OrdersTable {
  id: Generated<number>; number: string; status: OrderStatus; payment_method: 'cod' | 'bank_transfer' | 'qr' | 'card';
  cart_id: string | null; customer_id: number | null; email: string; locale: string; currency: string;
  shipping_address: string; shipping: string; adjustments: string;
  subtotal: number; discount_total: number; shipping_total: number; tax_total: number; tax_included: number; total: number;
  created_at: Generated<string>; updated_at: Generated<string>;
}
export interface OrderLinesTable {
  id: Generated<number>; order_id: number; variant_id: number; product_id: number; sku: string; name: string; options: string;
  quantity: number; unit_price: number; line_total: number; tax_class: string; weight_grams: number;
}
export interface OrderEventsTable {
  id: Generated<number>; order_id: number; type: string; from_status: string | null; to_status: string | null;
  note: string | null; actor: string | null; created_at: Generated<string>;
}

export interface OrderTables { order_counters: OrderCountersTable; orders: OrdersTable; order_lines: OrderLinesTable; order_events: OrderEventsTable }

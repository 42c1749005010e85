import type { Generated } from 'kysely';

export type PaymentMethod = 'cod' | 'bank_transfer' | 'qr' | 'card';
/** `settings` is JSON, per method: bank accounts, the PromptPay id, the acquirer's static QRIS / QR Ph payload. */
export interface PaymentMethodsTable { method: PaymentMethod; enabled: Generated<number>; settings: Generated<string> }
export interface PaymentsTable {
  id: Generated<number>; order_id: number; method: PaymentMethod; status: 'pending' | 'authorized' | 'paid' | 'refunded' | 'failed';
  amount: number; currency: string; reference: string; instructions: string; created_at: Generated<string>;
}

export interface PaymentTables { payment_methods: PaymentMethodsTable; payments: PaymentsTable }

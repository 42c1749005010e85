import type { CurrencyCode, Locale } from '../../config.ts';

/** The order emails Pasar sends, one per customer-visible change of an order. */
export const ORDER_MAIL_TEMPLATES = [
  'order_confirmation',
  'payment_received',
  'order_shipped',
  'order_delivered',
  'order_cancelled',
  'order_refunded',
] as const;
export type OrderMailTemplate = (typeof ORDER_MAIL_TEMPLATES)[number];

export interface OrderMailLine {
  name: string;
  /** Variant options shown under the name, e.g. "250 g, ground". */
  variant?: string;
  quantity: number;
  /** Price of one unit, minor units of the order's currency. */
  unitPrice: number;
  /** quantity × unit price after line discounts, minor units. */
  total: number;
}

/**
 * What an order email needs: a plain object the orders domain builds and puts in the `mail.send` job, so the
 * message can be rendered later without reading any order table. Money in minor units of `currency`.
 */
export interface OrderMailInput {
  orderNumber: string;
  customerName: string;
  /** The recipient. */
  email: string;
  locale: Locale;
  currency: CurrencyCode;
  lines: OrderMailLine[];
  totals: { subtotal: number; shipping: number; tax: number; discount?: number; total: number; taxIncluded?: boolean };
  /** The customer's order tracking page. */
  orderUrl?: string;
  /** Payment method as the customer chose it, already in their language (e.g. "Bank transfer"). */
  paymentMethod?: string;
  /** Lines the customer must act on: bank account details, a transfer reference. Plain text. */
  paymentInstructions?: string[];
  /** Expected delivery window, ISO dates (YYYY-MM-DD or full timestamps). */
  delivery?: { earliest: string; latest: string };
  /** For order_shipped: the carrier and its tracking link. */
  shipment?: { carrier: string; trackingNumber: string; trackingUrl: string | null };
  /** For order_refunded: the amount refunded, minor units. */
  refundAmount?: number;
  /** For order_cancelled: why, in the customer's language. */
  reason?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

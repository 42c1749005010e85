// The payloads Pasar shows at checkout, all of one shape: a dynamic (single-payment) EMVCo code carrying the
// order's amount and reference.
// - PromptPay (Thailand): built from the shop's PromptPay id (phone number, tax id or e-wallet id).
// - QRIS (Indonesia) and QR Ph (Philippines): their merchant identifiers are issued by the shop's acquiring bank as
//   a static QR; Pasar takes that static payload and makes it dynamic for each order.
import { field, formatAmount, hasValidCrc, parseFields, withCrc, type TlvField } from './emvco.ts';

const PROMPTPAY_AID = 'A000000677010111';

export interface OrderAmount {
  /** Integer minor units. */
  amount: number;
  /** ISO 4217 numeric code: 764 THB, 360 IDR, 608 PHP. */
  currencyNumeric: string;
  /** Digits after the decimal point in the QR's amount field. */
  decimals: number;
  /** The order number, shown by the payer's app and sent back by the provider. */
  reference: string;
}

/** PromptPay target: a Thai mobile number (10 digits), a 13-digit tax/national id, or a 15-digit e-wallet id. */
export function promptPayPayload(target: string, order: Omit<OrderAmount, 'currencyNumeric' | 'decimals'>): string {
  const digits = target.replace(/\D/g, '');
  let account: string;
  if (/^0\d{9}$/.test(digits)) account = field('01', `0066${digits.slice(1)}`.padStart(13, '0'));
  else if (/^\d{13}$/.test(digits)) account = field('02', digits);
  else if (/^\d{15}$/.test(digits)) account = field('03', digits);
  else throw new Error('A PromptPay id is a 10-digit mobile number, a 13-digit tax id or a 15-digit e-wallet id');
  return withCrc([
    { tag: '00', value: '01' },
    { tag: '01', value: '12' },
    { tag: '29', value: field('00', PROMPTPAY_AID) + account },
    { tag: '53', value: '764' },
    { tag: '54', value: formatAmount(order.amount, 2) },
    { tag: '58', value: 'TH' },
    { tag: '62', value: field('05', sanitizeReference(order.reference)) },
  ]);
}

/**
 * Turns a shop's static merchant QR (QRIS, QR Ph or any EMVCo scheme) into a dynamic one for one payment: point of
 * initiation 12, the amount, the order reference in the additional-data template, a fresh CRC. Refuses a payload
 * whose CRC does not match (a mistyped paste) or whose currency differs from the order's.
 */
export function dynamicFromStatic(staticPayload: string, order: OrderAmount): string {
  const trimmed = staticPayload.trim();
  if (!hasValidCrc(trimmed)) throw new Error('The merchant QR payload is damaged: its checksum does not match');
  const fields = parseFields(trimmed);
  const currency = fields.find((f) => f.tag === '53')?.value;
  if (currency && currency !== order.currencyNumeric) {
    throw new Error(`The merchant QR is for currency ${currency}, the order is in ${order.currencyNumeric}`);
  }
  const kept = fields.filter((f) => !['01', '53', '54', '62', '63'].includes(f.tag));
  const extra = parseFields(fields.find((f) => f.tag === '62')?.value ?? '').filter((f) => f.tag !== '05');
  const additional: TlvField[] = [...extra, { tag: '05', value: sanitizeReference(order.reference) }];
  return withCrc([
    ...kept,
    { tag: '01', value: '12' },
    { tag: '53', value: order.currencyNumeric },
    { tag: '54', value: formatAmount(order.amount, order.decimals) },
    { tag: '62', value: additional.sort((a, b) => Number(a.tag) - Number(b.tag)).map((f) => field(f.tag, f.value)).join('') },
  ]);
}

/** References travel through banking apps: keep to 25 ASCII letters, digits and dashes. */
function sanitizeReference(reference: string): string {
  const clean = reference.replace(/[^A-Za-z0-9-]/g, '').slice(0, 25);
  if (!clean) throw new Error('A payment reference needs letters or digits');
  return clean;
}

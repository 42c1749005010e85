/**
 * Payment methods the target markets use, behind one interface: a provider says whether it is offered for an order
 * and, once the order is placed, what the shopper must see or do. Cash on delivery and bank transfer need nothing
 * from outside; QR builds an EMVCo code for the order's amount. Cards (Stripe) plug in here as another provider.
 */
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import { CURRENCIES } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import type { PaymentMethod } from './payments.table.ts';
import { dynamicFromStatic, promptPayPayload } from './qr/payloads.ts';
import { qrSvg } from './qr/qr-image.ts';

export type { PaymentMethod };

export interface BankAccount { bank: string; account_name: string; account_number: string }
export interface PaymentSettings {
  bank_transfer?: { accounts: BankAccount[] };
  /** PromptPay id for THB; the acquirer's static QRIS (IDR) and QR Ph (PHP) payloads. */
  qr?: { promptpay_id?: string; qris_static?: string; qrph_static?: string };
}

export type PaymentInstructions =
  | { kind: 'cod'; amount: number; currency: string }
  | { kind: 'bank_transfer'; accounts: BankAccount[]; reference: string; amount: number; currency: string }
  | { kind: 'qr'; scheme: 'promptpay' | 'qris' | 'qrph'; payload: string; svg: string; reference: string; amount: number; currency: string };

export interface OrderToPay { id: number; number: string; total: number; currency: string; email: string; locale: string }

const QR_SCHEMES: Record<string, { scheme: 'promptpay' | 'qris' | 'qrph'; numeric: string; setting: 'promptpay_id' | 'qris_static' | 'qrph_static' }> = {
  THB: { scheme: 'promptpay', numeric: '764', setting: 'promptpay_id' },
  IDR: { scheme: 'qris', numeric: '360', setting: 'qris_static' },
  PHP: { scheme: 'qrph', numeric: '608', setting: 'qrph_static' },
};

/** Kept in the catalogue cache (plain rows, which Redis can share): read on every checkout, changed by staff only. */
async function enabledMethods(ctx: AppContext): Promise<Map<PaymentMethod, Record<string, unknown>>> {
  const rows = await catalogCache(ctx).get('payments:enabled', () => ctx.db.kysely.selectFrom('payment_methods').selectAll().where('enabled', '=', 1).execute());
  return new Map(rows.map((r) => [r.method, JSON.parse(r.settings) as Record<string, unknown>]));
}

/** The methods offered for an order in `currency` shipped to `country`, in the order shoppers expect them. */
export async function availablePaymentMethods(ctx: AppContext, _input: { currency: string; country: string }): Promise<PaymentMethod[]> {
  const enabled = await enabledMethods(ctx);
  const offered: PaymentMethod[] = [];
  if (enabled.has('cod')) offered.push('cod');
  const bank = enabled.get('bank_transfer') as PaymentSettings['bank_transfer'] | undefined;
  if (bank?.accounts?.length) offered.push('bank_transfer');
  const qr = enabled.get('qr') as PaymentSettings['qr'] | undefined;
  const scheme = QR_SCHEMES[_input.currency];
  if (qr && scheme && qr[scheme.setting]) offered.push('qr');
  return offered;
}

export async function setPaymentMethod(ctx: AppContext, method: PaymentMethod, settings: Record<string, unknown>, enabled = true): Promise<void> {
  const row = { enabled: enabled ? 1 : 0, settings: JSON.stringify(settings) };
  await ctx.db.kysely.insertInto('payment_methods').values({ method, ...row }).onConflict((oc) => oc.column('method').doUpdateSet(row)).execute();
  await catalogCache(ctx).invalidate();
}

async function instructionsFor(ctx: AppContext, method: PaymentMethod, order: OrderToPay): Promise<PaymentInstructions> {
  const settings = (await enabledMethods(ctx)).get(method);
  if (!settings) throw new AppError(400, 'payment_method_unavailable', `Payment by ${method} is not offered`);
  const base = { amount: order.total, currency: order.currency };
  switch (method) {
    case 'cod':
      return { kind: 'cod', ...base };
    case 'bank_transfer':
      return { kind: 'bank_transfer', accounts: (settings as PaymentSettings['bank_transfer'])!.accounts, reference: order.number, ...base };
    case 'qr': {
      const scheme = QR_SCHEMES[order.currency];
      const qr = settings as NonNullable<PaymentSettings['qr']>;
      if (!scheme || !qr[scheme.setting]) throw new AppError(400, 'payment_method_unavailable', `QR payment is not offered in ${order.currency}`);
      const payload = scheme.scheme === 'promptpay'
        ? promptPayPayload(qr.promptpay_id!, { amount: order.total, reference: order.number })
        : dynamicFromStatic(qr[scheme.setting]!, { amount: order.total, currencyNumeric: scheme.numeric, decimals: CURRENCIES[order.currency as keyof typeof CURRENCIES] ?? 2, reference: order.number });
      return { kind: 'qr', scheme: scheme.scheme, payload, svg: await qrSvg(payload, `QR ${order.number}`), reference: order.number, ...base };
    }
    case 'card':
      throw new AppError(400, 'payment_method_unavailable', 'Card payments are not configured');
  }
}

/** Records the order's payment and returns what to show the shopper. */
export async function initiatePayment(ctx: AppContext, method: PaymentMethod, order: OrderToPay): Promise<PaymentInstructions> {
  const instructions = await instructionsFor(ctx, method, order);
  await ctx.db.kysely.insertInto('payments').values({
    order_id: order.id, method, status: 'pending', amount: order.total, currency: order.currency, reference: order.number,
    instructions: JSON.stringify(instructions),
  }).execute();
  return instructions;
}

/** The instructions recorded for an order (the confirmation page shows them again). */
export async function paymentInstructionsOf(ctx: AppContext, orderId: number): Promise<PaymentInstructions | null> {
  const row = await ctx.db.kysely.selectFrom('payments').select('instructions').where('order_id', '=', orderId).orderBy('id', 'desc').executeTakeFirst();
  return row ? (JSON.parse(row.instructions) as PaymentInstructions) : null;
}

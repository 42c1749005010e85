// Unpaid orders whose stock hold has run out (a bank transfer never made, a QR never scanned) are cancelled, which
// gives their stock back and tells the customer. Runs on a schedule in the job worker.
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { applyOrderAction } from './order-transitions.ts';

export const EXPIRE_UNPAID_JOB = 'orders.expire_unpaid';

export async function expireUnpaidOrders(ctx: AppContext, now: Date = new Date()): Promise<string[]> {
  const due = await ctx.db.kysely
    .selectFrom('orders as o')
    .where('o.status', '=', 'pending_payment')
    .where('o.payment_method', '<>', 'cod')
    .where((eb) => eb.exists(
      eb.selectFrom('stock_reservations as r')
        .where('r.reference', '=', sql<string>`'order:' || ${sql.ref('o.number')}`)
        .where('r.status', '=', 'active')
        .where('r.expires_at', '<', now.toISOString())
        .select('r.id'),
    ))
    .select(['o.id', 'o.number'])
    .orderBy('o.id')
    .limit(200)
    .execute();
  const cancelled: string[] = [];
  for (const order of due) {
    try {
      await applyOrderAction(ctx, order.id, 'cancel', { actor: 'system', note: 'Payment was not received in time' });
      cancelled.push(order.number);
    } catch (err) {
      // Paid or cancelled by staff a moment ago: nothing to do.
      if (!(err instanceof AppError && err.code === 'invalid_transition')) throw err;
    }
  }
  return cancelled;
}

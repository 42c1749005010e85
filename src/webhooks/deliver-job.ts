// The `webhook.deliver` job: one signed POST of a delivery's body; 2xx is delivered, anything else is logged and
// retried by the queue with backoff until the last attempt marks the delivery failed.
import type { AppContext } from '../platform/context.ts';
import type { JobHandler, JobRun } from '../platform/jobs/index.ts';
import type { WebhookJobPayload } from './deliveries.service.ts';
import { signWebhookBody } from './signature.ts';

export interface DeliverOptions {
  /** Give up on a receiver that has not answered after this long (default 10 s). */
  timeoutMs?: number;
}

const RESPONSE_BODY_LIMIT = 1000;

/** Reads at most `limit` characters of a response, so a huge or endless body cannot exhaust memory. */
async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text.slice(0, limit);
}

export function webhookJobHandler(ctx: AppContext, options: DeliverOptions = {}): JobHandler {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (payload: WebhookJobPayload, run: JobRun) => {
    const db = ctx.db.kysely;
    const delivery = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.uid', 'd.event_type', 'd.body', 'd.status', 'd.attempts', 'e.url', 'e.secret', 'e.active'])
      .where('d.id', '=', payload.deliveryId)
      .executeTakeFirst();
    // Deleted with its endpoint, or already delivered by an attempt whose worker died before finishing the job.
    if (!delivery || delivery.status !== 'pending') return;
    const now = new Date().toISOString();
    if (delivery.active !== 1) {
      await db.updateTable('webhook_deliveries').set({ status: 'failed', finished_at: now }).where('id', '=', delivery.id).execute();
      await db.insertInto('webhook_attempts').values({ delivery_id: delivery.id, attempt: delivery.attempts + 1, status_code: null, duration_ms: 0, error: 'endpoint disabled', response_body: null }).execute();
      return;
    }

    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let responseBody: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        body: delivery.body,
        // A redirect is not a delivery: following it could send the signed event somewhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Pasar-Webhooks/1',
          'pasar-signature': signWebhookBody(delivery.secret, delivery.body),
          'pasar-event': delivery.event_type,
          'pasar-delivery': delivery.uid,
        },
      });
      statusCode = response.status;
      responseBody = await readLimited(response, RESPONSE_BODY_LIMIT).catch(() => null);
    } catch (err) {
      error = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const status = ok ? 'delivered' : run.isLastAttempt ? 'failed' : 'pending';

    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({ delivery_id: delivery.id, attempt: delivery.attempts + 1, status_code: statusCode, duration_ms: durationMs, error: error?.slice(0, 500) ?? null, response_body: responseBody })
        .execute();
      await trx
        .updateTable('webhook_deliveries')
        .set({ status, attempts: delivery.attempts + 1, last_status_code: statusCode, finished_at: status === 'pending' ? null : new Date().toISOString() })
        .where('id', '=', delivery.id)
        .execute();
    });
    if (!ok) throw new Error(statusCode !== null ? `the endpoint answered HTTP ${statusCode}` : `the endpoint could not be reached: ${error}`);
  };
}

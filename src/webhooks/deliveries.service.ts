// Turning an event into deliveries (one per subscribed endpoint, each a `webhook.deliver` job) and reading the log.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { enqueueJob, kyselyOf, type JobDb } from '../platform/jobs/index.ts';
import { toWire, type WebhookEventType } from './webhook-events.ts';

export const WEBHOOK_JOB = 'webhook.deliver';
/** With the worker's default backoff (10 s doubling, capped at 6 h) ten attempts span about three hours. */
export const WEBHOOK_MAX_ATTEMPTS = 10;

export interface WebhookJobPayload {
  deliveryId: number;
}

/**
 * Records one delivery per active endpoint subscribed to `type` and queues a job for each. Runs in the caller's
 * transaction when given one, otherwise in its own, so deliveries and their jobs exist together or not at all.
 * Returns the event id (null when no endpoint listens).
 */
export async function enqueueWebhookEvent(target: JobDb, type: WebhookEventType, data: unknown): Promise<string | null> {
  const db = kyselyOf(target);
  const endpoints = (await db.selectFrom('webhook_endpoints').select(['id', 'events']).where('active', '=', 1).execute()).filter((e) =>
    (JSON.parse(e.events) as string[]).includes(type),
  );
  if (endpoints.length === 0) return null;
  const eventId = `evt_${crypto.randomUUID()}`;
  const body = JSON.stringify({ id: eventId, type, created_at: new Date().toISOString(), data: toWire(data) });
  const write = async (trx: Kysely<Database>) => {
    for (const endpoint of endpoints) {
      const uid = `dlv_${crypto.randomUUID()}`;
      const { id } = await trx
        .insertInto('webhook_deliveries')
        .values({ uid, endpoint_id: endpoint.id, event_id: eventId, event_type: type, body, last_status_code: null, finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payload: WebhookJobPayload = { deliveryId: id };
      await enqueueJob(trx, WEBHOOK_JOB, payload, { maxAttempts: WEBHOOK_MAX_ATTEMPTS, uniqueKey: `webhook:${uid}` });
    }
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return eventId;
}

export interface DeliveryAttemptView {
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_body: string | null;
  created_at: string;
}

export interface DeliveryView {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  created_at: string;
  finished_at: string | null;
  body: string;
  log: DeliveryAttemptView[];
}

/** An endpoint's deliveries, newest first, each with every attempt (two queries whatever the page size). */
export async function listDeliveries(ctx: AppContext, endpointId: number, page: number, perPage: number): Promise<{ items: DeliveryView[]; total: number }> {
  const db = ctx.db.kysely;
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const { n } = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirstOrThrow();
  const attempts = rows.length
    ? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('delivery_id').orderBy('attempt').execute()
    : [];
  const items = rows.map((r) => ({
    id: r.uid,
    event_id: r.event_id,
    event_type: r.event_type,
    status: r.status,
    attempts: r.attempts,
    last_status_code: r.last_status_code,
    created_at: r.created_at,
    finished_at: r.finished_at,
    body: r.body,
    log: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ attempt: a.attempt, status_code: a.status_code, duration_ms: a.duration_ms, error: a.error, response_body: a.response_body, created_at: a.created_at })),
  }));
  return { items, total: Number(n) };
}

// Webhook endpoints: where events are sent, with which secret, for which event types.
import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events.ts';
import type { WebhookEndpointsTable } from './webhooks.table.ts';

export interface WebhookEndpoint {
  id: number;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
  active?: boolean;
  secret?: string;
}

/**
 * http(s) only, and no user:password in the URL: credentials there would be logged and shown in the back office;
 * receivers authenticate Pasar by the signature instead.
 */
export function checkEndpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError(400, 'invalid_url', 'The endpoint URL is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError(400, 'invalid_url', 'The endpoint URL must use http or https');
  if (url.username || url.password) throw new AppError(400, 'invalid_url', 'The endpoint URL must not contain credentials; verify the Pasar-Signature header instead');
  if (!url.hostname) throw new AppError(400, 'invalid_url', 'The endpoint URL needs a host');
  if (url.hash) throw new AppError(400, 'invalid_url', 'The endpoint URL must not contain a #fragment');
  return url.toString();
}

function checkEvents(events: string[]): WebhookEventType[] {
  const unknown = events.filter((e) => !isWebhookEvent(e));
  if (unknown.length > 0) throw new AppError(400, 'invalid_events', `Unknown event types; known: ${WEBHOOK_EVENTS.join(', ')}`, { unknown });
  if (events.length === 0) throw new AppError(400, 'invalid_events', 'Subscribe to at least one event type');
  return [...new Set(events as WebhookEventType[])].sort();
}

export function generateSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('hex')}`;
}

function toView(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events),
    description: row.description,
    active: row.active === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function listEndpoints(ctx: AppContext): Promise<WebhookEndpoint[]> {
  const rows = await ctx.db.kysely.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
  return rows.map(toView);
}

async function endpointRow(ctx: AppContext, id: number) {
  const row = await ctx.db.kysely.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Webhook endpoint', { id });
  return row;
}

export async function getEndpoint(ctx: AppContext, id: number): Promise<WebhookEndpoint> {
  return toView(await endpointRow(ctx, id));
}

/** The endpoint with its signing secret, for the one who created it or an admin who needs to configure a receiver. */
export async function getEndpointWithSecret(ctx: AppContext, id: number): Promise<WebhookEndpoint & { secret: string }> {
  const row = await endpointRow(ctx, id);
  return { ...toView(row), secret: row.secret };
}

export async function createEndpoint(ctx: AppContext, input: EndpointInput): Promise<WebhookEndpoint & { secret: string }> {
  const url = checkEndpointUrl(input.url);
  const events = checkEvents(input.events);
  const row = await ctx.db.kysely
    .insertInto('webhook_endpoints')
    .values({ url, events: JSON.stringify(events), secret: input.secret ?? generateSecret(), description: input.description ?? null, active: input.active === false ? 0 : 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toView(row), secret: row.secret };
}

export async function updateEndpoint(ctx: AppContext, id: number, input: Partial<EndpointInput> & { rotateSecret?: boolean }): Promise<WebhookEndpoint & { secret: string }> {
  await endpointRow(ctx, id);
  const changes: Partial<Record<'url' | 'events' | 'description' | 'secret', string | null> & { active: number; updated_at: string }> = {};
  if (input.url !== undefined) changes.url = checkEndpointUrl(input.url);
  if (input.events !== undefined) changes.events = JSON.stringify(checkEvents(input.events));
  if (input.description !== undefined) changes.description = input.description;
  if (input.active !== undefined) changes.active = input.active ? 1 : 0;
  if (input.secret !== undefined) changes.secret = input.secret;
  else if (input.rotateSecret) changes.secret = generateSecret();
  changes.updated_at = new Date().toISOString();
  await ctx.db.kysely.updateTable('webhook_endpoints').set(changes as never).where('id', '=', id).execute();
  return getEndpointWithSecret(ctx, id);
}

/** Deletes the endpoint with its deliveries and their log; queued deliveries find nothing and stop. */
export async function deleteEndpoint(ctx: AppContext, id: number): Promise<void> {
  await endpointRow(ctx, id);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const deliveries = trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id);
    await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  });
}

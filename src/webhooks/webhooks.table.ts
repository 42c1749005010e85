import type { Generated } from 'kysely';

/** A receiver of signed event notifications, configured by staff. */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  /** The HMAC-SHA256 key; kept in clear because every delivery is signed with it. */
  secret: string;
  /** JSON array of subscribed event types. */
  events: string;
  description: string | null;
  active: Generated<number>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: the exact body sent on every attempt, and where it stands. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** Public id sent as Pasar-Delivery; receivers use it to ignore a repeated delivery. */
  uid: string;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  created_at: Generated<string>;
  finished_at: string | null;
}

/** Every HTTP attempt of a delivery, for the delivery log. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_body: string | null;
  created_at: Generated<string>;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

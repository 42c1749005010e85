// Signed webhooks: endpoints staff configure, one delivery per event and endpoint, sent by `webhook.deliver` jobs.
import type { HttpModule } from '../platform/http/app.ts';
import { registerWebhookRoutes } from './http/webhooks.routes.ts';

export { enqueueWebhookEvent, listDeliveries, WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS, type WebhookJobPayload, type DeliveryView } from './deliveries.service.ts';
export { webhookJobHandler, type DeliverOptions } from './deliver-job.ts';
export { subscribeWebhooks } from './subscribe.ts';
export { signWebhookBody, verifyWebhookSignature } from './signature.ts';
export { WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events.ts';
export { createEndpoint, updateEndpoint, deleteEndpoint, listEndpoints, getEndpoint, checkEndpointUrl, type WebhookEndpoint, type EndpointInput } from './endpoints.service.ts';

export const webhooksModule: HttpModule = {
  name: 'webhooks',
  register(app, ctx) {
    registerWebhookRoutes(app, ctx);
  },
};

// The `mail.send` job: renders an order email in the customer's language and sends it.
import type { AppContext } from '../context.ts';
import { enqueueJob, PermanentJobError, type EnqueueOptions, type EnqueuedJob, type JobDb, type JobHandler } from '../jobs/index.ts';
import { ORDER_MAIL_TEMPLATES, type OrderMailInput, type OrderMailTemplate } from './templates/order-mail.types.ts';
import { renderOrderMail } from './templates/order-mails.tsx';
import { sendMail } from './send-mail.ts';

export const MAIL_JOB = 'mail.send';

export interface MailJobPayload {
  template: OrderMailTemplate;
  input: OrderMailInput;
}

/**
 * Queues an order email. Pass the transaction that changes the order, so the email exists exactly when the change
 * does. `uniqueKey` (e.g. `mail:order_confirmation:PSR-1042`) makes a repeated call harmless.
 */
export function enqueueMail(target: JobDb, template: OrderMailTemplate, input: OrderMailInput, options: Pick<EnqueueOptions, 'uniqueKey' | 'runAt'> = {}): Promise<EnqueuedJob> {
  if (!(ORDER_MAIL_TEMPLATES as readonly string[]).includes(template)) throw new Error(`enqueueMail: unknown template "${template}"`);
  const payload: MailJobPayload = { template, input };
  return enqueueJob(target, MAIL_JOB, payload, { maxAttempts: 8, ...options });
}

export function mailJobHandler(ctx: AppContext): JobHandler {
  return async (payload: MailJobPayload) => {
    if (!payload || !(ORDER_MAIL_TEMPLATES as readonly string[]).includes(payload.template) || !payload.input?.email) {
      throw new PermanentJobError('mail.send payload has no known template or no recipient');
    }
    const { subject, text, html } = renderOrderMail(payload.template, payload.input, { shopName: ctx.config.shopName });
    try {
      await sendMail(ctx, { to: { name: payload.input.customerName, address: payload.input.email }, subject, text, html, language: payload.input.locale });
    } catch (err) {
      // 5xx from the SMTP server (no such mailbox, refused address) will not change on retry; 4xx and network errors may.
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentJobError(`SMTP ${code}: ${(err as Error).message}`);
      throw err;
    }
  };
}

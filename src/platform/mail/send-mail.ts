import type { AppContext } from '../context.ts';
import type { Config } from '../config.ts';
import { createMailer, type MailMessage, type Mailer, type SentMail } from './transport.ts';

const mailers = new WeakMap<Config, Mailer>();

/**
 * Sends one message now. Only the `mail.send` job calls this: a request enqueues mail instead (enqueueMail), so a
 * slow or unreachable mail server never delays or fails a checkout, and a restart loses no message.
 */
export async function sendMail(ctx: Pick<AppContext, 'config'>, message: MailMessage): Promise<SentMail> {
  let mailer = mailers.get(ctx.config);
  if (!mailer) {
    mailer = createMailer(ctx.config);
    mailers.set(ctx.config, mailer);
  }
  return mailer.send(message);
}

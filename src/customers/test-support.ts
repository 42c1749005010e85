// For the customer tests: a real SMTP server that keeps what it receives, the link inside an email, cookies.
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../platform/context.ts';
import { runJobsUntilIdle } from '../platform/jobs/index.ts';
import { mailJobHandler } from '../platform/mail/index.ts';
import { ACCOUNT_MAIL_JOB, accountMailJobHandler } from './account-mail.tsx';

export interface Mailbox {
  url: string;
  mails: ParsedMail[];
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => { mails.push(m); callback(); }).catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

/** Runs the queued jobs that send mail (account and order emails). */
export const sendQueuedMail = (ctx: AppContext) => runJobsUntilIdle(ctx, { [ACCOUNT_MAIL_JOB]: accountMailJobHandler(ctx), 'mail.send': mailJobHandler(ctx) });

const toOf = (m: ParsedMail) => [m.to].flat().map((a) => a?.text ?? '').join(',').toLowerCase();

/** The newest email to `address` whose text has a link to `path`, and the link's token. */
export function tokenFor(mails: ParsedMail[], address: string, path: '/account/verify' | '/account/reset'): { mail: ParsedMail; url: string; token: string } {
  const mail = [...mails].reverse().find((m) => toOf(m).includes(address.toLowerCase()) && m.text?.includes(`${path}?token=`));
  if (!mail) throw new Error(`no ${path} email to ${address} (got ${mails.length})`);
  const url = new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+`).exec(mail.text!)![0];
  return { mail, url, token: new URL(url).searchParams.get('token')! };
}

/** `name=value` of a Set-Cookie on the response, for the next request's Cookie header. */
export function cookieFrom(res: LightMyRequestResponse, name: string): string | null {
  const all = [res.headers['set-cookie'] ?? []].flat().map(String);
  const found = all.reverse().find((c) => c.startsWith(`${name}=`));
  return found ? found.split(';')[0]! : null;
}

export const setCookieHeader = (res: LightMyRequestResponse, name: string): string | undefined =>
  [res.headers['set-cookie'] ?? []].flat().map(String).find((c) => c.startsWith(`${name}=`));

export const STRONG_PASSWORD = 'tamarind-kettle-Orbit-42';

// The set-up email (invitation, or two-factor reset), sent by the `staff.mail` job. The job carries the staff id and
// the link's nonce: the link is derived again when sending, and nothing is sent once that link was replaced, used or
// has expired. The back office is in English, so is this email.
import type { Kysely } from 'kysely';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { enqueueJob, PermanentJobError, type JobHandler } from '../platform/jobs/index.ts';
import { sendMail } from '../platform/mail/index.ts';
import { deriveInviteToken, hashInviteToken, inviteUrl } from './invites.ts';
import type { StaffInviteKind } from './staff.table.ts';
import { inviteValid } from './staff-rules.ts';

export const STAFF_MAIL_JOB = 'staff.mail';

export interface StaffMailPayload {
  staffId: number;
  nonce: string;
}

/** Queues the email for a link just issued, in the transaction that issued it. */
export async function queueStaffMail(db: Kysely<Database>, staffId: number, nonce: string): Promise<void> {
  await enqueueJob(db, STAFF_MAIL_JOB, { staffId, nonce } satisfies StaffMailPayload, { maxAttempts: 8, uniqueKey: `${STAFF_MAIL_JOB}:${staffId}:${nonce}` });
}

export interface RenderedStaffMail {
  subject: string;
  text: string;
  html: string;
}

export function renderStaffMail(kind: StaffInviteKind, input: { name: string; role: string; url: string; shopName: string; expiresAt: string }): RenderedStaffMail {
  const until = `${input.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const subject = kind === 'invite' ? `You are invited to the ${input.shopName} back office` : `Set up two-factor sign-in again for ${input.shopName}`;
  const intro =
    kind === 'invite'
      ? `You have been given a ${input.role} account in the ${input.shopName} back office. Open the link to choose your password and set up your authenticator app.`
      : `An owner of ${input.shopName} reset two-factor sign-in on your back-office account. Open the link, confirm your password and set up your authenticator app again.`;
  const action = kind === 'invite' ? 'Set up my account' : 'Set up two-factor sign-in';
  const expiry = `The link works until ${until}, once.`;
  const ignore = 'If you did not expect this email, ignore it and tell the shop owner.';
  const text = [`Hi ${input.name},`, '', intro, '', `${action}: ${input.url}`, '', expiry, ignore, ''].join('\n');
  const html =
    '<!doctype html>' +
    renderToString(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>{subject}</title>
        </head>
        <body style={{ fontFamily: 'Arial, Helvetica, sans-serif', color: '#111827', padding: '24px 12px' }}>
          <p>{`Hi ${input.name},`}</p>
          <p>{intro}</p>
          <p style={{ margin: '20px 0' }}>
            <a href={input.url} style={{ background: '#0f766e', color: '#ffffff', padding: '10px 18px', borderRadius: '6px', textDecoration: 'none', display: 'inline-block' }}>
              {action}
            </a>
          </p>
          <p style={{ color: '#6b7280', fontSize: '14px' }}>
            {expiry} {ignore}
          </p>
          <p style={{ color: '#6b7280', fontSize: '12px', wordBreak: 'break-all' }}>{input.url}</p>
        </body>
      </html>,
    );
  return { subject, text, html };
}

export function staffMailJobHandler(ctx: AppContext): JobHandler {
  return async (payload: Partial<StaffMailPayload> | null) => {
    if (!payload || !Number.isSafeInteger(payload.staffId) || typeof payload.nonce !== 'string') {
      throw new PermanentJobError('staff.mail payload has no staff id or nonce');
    }
    const row = await ctx.db.kysely.selectFrom('staff_users').selectAll().where('id', '=', payload.staffId!).executeTakeFirst();
    // Replaced, used or expired in the meantime, or the member was disabled: the link is dead, send nothing.
    if (!row || row.invite_nonce !== payload.nonce || !row.invite_kind || !inviteValid(row)) return;
    const token = deriveInviteToken(ctx, payload.nonce);
    if (hashInviteToken(token) !== row.invite_token_hash) throw new PermanentJobError('the link no longer matches the server secret');
    const mail = renderStaffMail(row.invite_kind, { name: row.name, role: row.role, url: inviteUrl(ctx, token), shopName: ctx.config.shopName, expiresAt: row.invite_expires_at! });
    try {
      await sendMail(ctx, { to: { name: row.name, address: row.email }, ...mail, language: 'en' });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentJobError(`SMTP ${code}: ${(err as Error).message}`);
      throw err;
    }
  };
}

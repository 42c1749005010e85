// Set-up links: a new member's invitation, or enrolling two-factor again after an owner reset it. The database keeps a
// random nonce and the SHA-256 of the token; the token is HMAC(secret, nonce), so the mail job can derive it again and
// neither the staff table nor the job queue holds a usable link. A new link replaces the previous one.
import crypto from 'node:crypto';
import { loadSecret } from '../platform/auth/secret.ts';
import type { AppContext } from '../platform/context.ts';
import type { StaffInviteKind } from './staff.table.ts';

export const INVITE_TTL_MS = 72 * 3600_000;
export const INVITE_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
const TOKEN_RE = new RegExp(INVITE_TOKEN_PATTERN);

export const hashInviteToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function deriveInviteToken(ctx: Pick<AppContext, 'config'>, nonce: string): string {
  return crypto.createHmac('sha256', loadSecret(ctx.config.dataDir)).update(`staff-invite:${nonce}`).digest('base64url');
}

export const isInviteToken = (token: string) => TOKEN_RE.test(token);

export function inviteUrl(ctx: Pick<AppContext, 'config'>, token: string): string {
  return `${ctx.config.baseUrl}/admin/invite/${token}`;
}

export interface NewInvite {
  kind: StaffInviteKind;
  nonce: string;
  token: string;
  expiresAt: string;
  /** The columns to store. */
  columns: { invite_kind: StaffInviteKind; invite_nonce: string; invite_token_hash: string; invite_expires_at: string };
}

export function newInvite(ctx: Pick<AppContext, 'config'>, kind: StaffInviteKind, now = Date.now()): NewInvite {
  const nonce = crypto.randomBytes(18).toString('base64url');
  const token = deriveInviteToken(ctx, nonce);
  const expiresAt = new Date(now + INVITE_TTL_MS).toISOString();
  return {
    kind, nonce, token, expiresAt,
    columns: { invite_kind: kind, invite_nonce: nonce, invite_token_hash: hashInviteToken(token), invite_expires_at: expiresAt },
  };
}

/** The columns that end a set-up link. */
export const CLEARED_INVITE = { invite_kind: null, invite_nonce: null, invite_token_hash: null, invite_expires_at: null } as const;

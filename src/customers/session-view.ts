// A session as the customer sees it (signed-in devices) in the API and on the sessions page.
import { Type } from 'typebox';
import type { SessionRecord } from '../platform/auth/sessions.ts';

export interface SessionView {
  id: string;
  /** The session of this request. */
  current: boolean;
  created_at: string;
  last_seen_at: string | null;
  expires_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const SessionSchema = Type.Object({
  id: Type.String(), current: Type.Boolean(), created_at: Type.String(), last_seen_at: Nullable(Type.String()),
  expires_at: Nullable(Type.String()), ip: Nullable(Type.String()), user_agent: Nullable(Type.String()),
});

export function sessionView(s: SessionRecord, currentId: string): SessionView {
  return {
    id: String(s.id),
    current: String(s.id) === currentId,
    created_at: s.createdAt,
    last_seen_at: s.lastSeenAt,
    expires_at: s.expiresAt,
    ip: s.ip ?? null,
    user_agent: s.userAgent ?? null,
  };
}

// Pure rules about staff accounts: input shapes, status, password age. No I/O.
import { isRole, type Role } from '../platform/auth/roles.ts';
import type { StaffRow } from './staff.repository.ts';

export type StaffStatus = 'invited' | 'active' | 'disabled';

export interface StaffView {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: StaffStatus;
  two_factor: boolean;
  /** A set-up link is pending (new member, or two-factor reset). */
  invite_pending: boolean;
  invite_expires_at: string | null;
  password_changed_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 100;
const EMAIL_RE = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]+$/;
// Control characters and the Unicode direction overrides that can disguise a name in lists and emails.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface FieldProblem {
  path: string;
  message: string;
}

export function emailProblem(email: string): string | null {
  if (!email) return 'Enter an email address.';
  if (email.length > MAX_EMAIL_LENGTH) return `Use at most ${MAX_EMAIL_LENGTH} characters.`;
  if (!EMAIL_RE.test(email)) return 'Enter an email address like name@example.com.';
  return null;
}

export function nameProblem(name: string): string | null {
  if (!name) return 'Enter a name.';
  if (name.length > MAX_NAME_LENGTH) return `Use at most ${MAX_NAME_LENGTH} characters.`;
  if (UNSAFE_TEXT.test(name)) return 'Use letters, digits, spaces and punctuation only.';
  return null;
}

export function roleProblem(role: string): string | null {
  return isRole(role) ? null : 'Choose one of the roles.';
}

/** Invited until the first set-up (password and two-factor) is complete; a two-factor reset keeps a member active. */
export function staffStatus(row: Pick<StaffRow, 'disabled_at' | 'password_hash' | 'invite_kind'>): StaffStatus {
  if (row.disabled_at) return 'disabled';
  return !row.password_hash || row.invite_kind === 'invite' ? 'invited' : 'active';
}

/** True when the member must choose a new password before anything else: flagged, or older than the limit. */
export function passwordExpired(
  row: Pick<StaffRow, 'must_change_password' | 'password_changed_at'>,
  maxAgeDays: number,
  now = Date.now(),
): boolean {
  if (Number(row.must_change_password) === 1) return true;
  if (maxAgeDays <= 0 || !row.password_changed_at) return false;
  return now - new Date(row.password_changed_at).getTime() > maxAgeDays * 86_400_000;
}

export function inviteValid(row: Pick<StaffRow, 'invite_token_hash' | 'invite_expires_at' | 'disabled_at'>, now = Date.now()): boolean {
  return !!row.invite_token_hash && !!row.invite_expires_at && new Date(row.invite_expires_at).getTime() > now && !row.disabled_at;
}

export function toStaffView(row: StaffRow, now = Date.now()): StaffView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: staffStatus(row),
    two_factor: !!row.totp_enabled_at,
    invite_pending: inviteValid(row, now),
    invite_expires_at: row.invite_token_hash ? row.invite_expires_at : null,
    password_changed_at: row.password_changed_at,
    last_login_at: row.last_login_at,
    created_at: row.created_at,
  };
}

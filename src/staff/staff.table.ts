import type { Generated } from 'kysely';

/** What a pending set-up link is for: a new member's first set-up, or enrolling two-factor again after a reset. */
export type StaffInviteKind = 'invite' | 'reset_2fa';

export interface StaffUsersTable {
  id: Generated<number>;
  /** Lower-cased, so the unique index is case-insensitive on both databases. */
  email: string;
  name: string;
  role: string;
  /** argon2id; null until the invitation is accepted. */
  password_hash: string | null;
  password_changed_at: string | null;
  must_change_password: Generated<number>;
  /** The TOTP secret, AES-256-GCM encrypted under a key derived from the server secret (see totp.ts). */
  totp_secret_enc: string | null;
  /** Null while two-factor is not (yet) enrolled: the account cannot sign in. */
  totp_enabled_at: string | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  invite_kind: StaffInviteKind | null;
  /** The link's token is HMAC(secret, nonce); its SHA-256 finds the account. */
  invite_nonce: string | null;
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface StaffRecoveryCodesTable {
  id: Generated<number>;
  staff_id: number;
  /** HMAC-SHA256 of the normalised code under a key derived from the server secret. */
  code_hash: string;
  used_at: string | null;
  created_at: Generated<string>;
}

export interface StaffTables {
  staff_users: StaffUsersTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
}

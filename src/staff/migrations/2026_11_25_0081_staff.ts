import type { Kysely } from 'kysely';
import { between, nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

// Staff accounts of the back office: password, two-factor (TOTP) and single-use recovery codes, set-up links.
// Secrets are never stored in the clear: argon2id password hashes, an encrypted TOTP secret, hashed codes and tokens.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await withId(db, db.schema.createTable('staff_users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', ts)
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0).check(between('must_change_password', 0, 1)))
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled_at', ts)
    .addColumn('totp_last_step', 'bigint')
    .addColumn('invite_kind', 'text', (c) => c.check(oneOf('invite_kind', ['invite', 'reset_2fa'])))
    .addColumn('invite_nonce', 'text')
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invite_expires_at', ts)
    .addColumn('disabled_at', ts)
    .addColumn('last_login_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();

  await withId(db, db.schema.createTable('staff_recovery_codes'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addUniqueConstraint('staff_recovery_codes_staff_code_uq', ['staff_id', 'code_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_recovery_codes').execute();
  await db.schema.dropTable('staff_users').execute();
}

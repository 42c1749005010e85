// All of the staff domain's SQL. Functions take the Kysely instance (or a transaction) first.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { StaffUsersTable } from './staff.table.ts';

export type StaffRow = Selectable<StaffUsersTable>;
type Db = Kysely<Database>;

export function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findStaffById(db: Db, id: number): Promise<StaffRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findStaffByInviteHash(db: Db, hash: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('invite_token_hash', '=', hash).executeTakeFirst();
}

export function listStaffRows(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff_users').selectAll().orderBy('disabled_at', 'desc').orderBy('name').orderBy('id').execute();
}

export async function insertStaff(
  db: Db,
  values: Pick<StaffRow, 'email' | 'name' | 'role' | 'invite_kind' | 'invite_nonce' | 'invite_token_hash' | 'invite_expires_at'>,
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('staff_users')
    .values({
      ...values,
      password_hash: null, password_changed_at: null, totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null,
      disabled_at: null, last_login_at: null, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStaff(db: Db, id: number, patch: Updateable<StaffUsersTable>): Promise<boolean> {
  const result = await db.updateTable('staff_users').set({ ...patch, updated_at: new Date().toISOString() }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Owners who can sign in (enrolled, not disabled), optionally not counting one of them. */
export async function countUsableOwners(db: Db, exceptId?: number): Promise<number> {
  let query = db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .where('totp_enabled_at', 'is not', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Records a TOTP time step as used: true only when it is newer than the last one used, so a code (or an older one)
 * cannot be used twice, even by two processes at once.
 */
export async function claimTotpStep(db: Db, id: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, staffId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  if (hashes.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto('staff_recovery_codes')
    .values(hashes.map((code_hash) => ({ staff_id: staffId, code_hash, used_at: null, created_at: now })))
    .execute();
}

/** Uses a recovery code: true once, when it is one of the member's unused codes. */
export async function consumeRecoveryCode(db: Db, staffId: number, hash: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, staffId: number): Promise<number> {
  const row = await db
    .selectFrom('staff_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

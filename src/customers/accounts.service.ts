// Customer accounts: registering, verifying the email address, checking a password at sign-in, the profile.
import { attachOrdersToCustomer } from '../orders/index.ts';
import { cartIdsOfCustomer } from '../cart/index.ts';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from '../platform/auth/password.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { queueAccountMail } from './account-mail.tsx';
import type { CustomersTable } from './customers.table.ts';
import type { Profile, ProfilePatch, RegisterBody } from './customers.schemas.ts';
import { consumeToken, issuedRecently, issueToken } from './tokens.ts';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

type CustomerRow = Omit<CustomersTable, 'id' | 'marketing_consent' | 'created_at' | 'updated_at'> & { id: number; marketing_consent: number; created_at: string; updated_at: string };

export function toProfile(row: CustomerRow): Profile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    birthday: row.birthday,
    email_verified: row.email_verified_at !== null,
    email_verified_at: row.email_verified_at,
    preferred_locale: row.preferred_locale,
    preferred_currency: row.preferred_currency,
    marketing_consent: row.marketing_consent === 1,
    marketing_consent_at: row.marketing_consent_at,
    created_at: row.created_at,
  };
}

/** The customer row of an account that still exists (not erased), or null. */
export async function findCustomer(ctx: AppContext, id: number): Promise<CustomerRow | null> {
  const row = await ctx.db.kysely.selectFrom('customers').selectAll().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
  return row ?? null;
}

export async function getProfile(ctx: AppContext, id: number): Promise<Profile | null> {
  const row = await findCustomer(ctx, id);
  return row ? toProfile(row) : null;
}

export class WeakPasswordError extends AppError {
  constructor(problems: string[]) {
    super(400, 'weak_password', problems[0] ?? 'Choose a stronger password', { problems });
  }
}

/**
 * Creates an account and queues the verification email in the same transaction. 409 `email_taken` when an account
 * has the address: the message says only that, and the routes throttle it like failed sign-ins so addresses cannot
 * be listed quickly. 400 `weak_password` with the policy's reasons in details.
 */
export async function registerCustomer(ctx: AppContext, input: RegisterBody): Promise<Profile> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const problems = passwordProblems(input.password, [email, name]);
  if (problems.length > 0) throw new WeakPasswordError(problems);
  const taken = await ctx.db.kysely.selectFrom('customers').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await trx.insertInto('customers').values({
        email, name, phone: null, birthday: null, password_hash: passwordHash, email_verified_at: null,
        preferred_locale: input.locale ?? null, preferred_currency: null, marketing_consent_at: null, erased_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      const token = await issueToken(ctx, trx, row.id, 'verify_email');
      await queueAccountMail(trx, token.id);
      return row.id;
    });
    return (await getProfile(ctx, id))!;
  } catch (err) {
    // Two registrations of one address at once: the unique index lets one through.
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

const emailTaken = () => new AppError(409, 'email_taken', 'An account with this email address already exists. Sign in, or reset the password if it is forgotten.');

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/**
 * Gives the customer the orders that are theirs: placed with their email once it is verified, or from a cart they
 * held while signed in. Safe to call often (one UPDATE that changes nothing the second time).
 */
export async function attachOrders(ctx: AppContext, customer: { id: number; email: string; email_verified_at: string | null }): Promise<number> {
  return attachOrdersToCustomer(ctx, customer.id, {
    email: customer.email_verified_at ? customer.email : null,
    cartIds: await cartIdsOfCustomer(ctx, customer.id),
  });
}

/** Uses a verification link: marks the address verified and attaches the guest orders placed with it. */
export async function verifyEmail(ctx: AppContext, token: string): Promise<Profile> {
  const customerId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await consumeToken(trx, token, 'verify_email');
    if (id === null) return null;
    const now = new Date().toISOString();
    await trx.updateTable('customers').set({ email_verified_at: now, updated_at: now }).where('id', '=', id).where('email_verified_at', 'is', null).where('erased_at', 'is', null).execute();
    return id;
  });
  const row = customerId === null ? null : await findCustomer(ctx, customerId);
  if (!row) throw new AppError(400, 'invalid_token', 'This link is not valid any more: it was used already or has expired.');
  await attachOrders(ctx, row);
  return toProfile(row);
}

/** Sends the verification email again; at most one a minute. */
export async function resendVerification(ctx: AppContext, customerId: number): Promise<void> {
  const row = await findCustomer(ctx, customerId);
  if (!row) throw new AppError(404, 'not_found', 'Customer not found');
  if (row.email_verified_at) throw new AppError(409, 'already_verified', 'This email address is already verified');
  if (await issuedRecently(ctx, customerId, 'verify_email', 60_000)) throw new AppError(429, 'too_many_requests', 'A link was sent less than a minute ago. Check your inbox.');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const token = await issueToken(ctx, trx, customerId, 'verify_email');
    await queueAccountMail(trx, token.id);
  });
}

// A real argon2id hash of a random password: checking against it when the email is unknown takes as long as a real
// check, so response times do not tell which addresses have accounts.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(`no-account-${Math.random()}`));

/** The account for an email and password, or null (unknown email, erased account, wrong password). */
export async function checkCredentials(ctx: AppContext, email: string, password: string): Promise<CustomerRow | null> {
  const row = await ctx.db.kysely.selectFrom('customers').selectAll().where('email', '=', normaliseEmail(email)).where('erased_at', 'is', null).executeTakeFirst();
  if (!row?.password_hash) {
    await verifyPassword(await dummy(), password);
    return null;
  }
  if (!(await verifyPassword(row.password_hash, password))) return null;
  if (needsRehash(row.password_hash)) {
    await ctx.db.kysely.updateTable('customers').set({ password_hash: await hashPassword(password) }).where('id', '=', row.id).execute();
  }
  return row;
}

/** Changes the profile fields given; marketing consent records when it was given (or withdrawn). */
export async function updateProfile(ctx: AppContext, customerId: number, patch: ProfilePatch): Promise<Profile> {
  const row = await findCustomer(ctx, customerId);
  if (!row) throw new AppError(404, 'not_found', 'Customer not found');
  if (patch.birthday) {
    const d = new Date(`${patch.birthday}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== patch.birthday || d > new Date()) {
      throw new AppError(400, 'invalid_birthday', 'Birthday must be a real date in the past', { field: 'birthday' });
    }
  }
  const now = new Date().toISOString();
  const consentChanged = patch.marketing_consent !== undefined && (patch.marketing_consent ? 1 : 0) !== row.marketing_consent;
  await ctx.db.kysely.updateTable('customers').set({
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.phone !== undefined ? { phone: patch.phone?.trim() || null } : {}),
    ...(patch.birthday !== undefined ? { birthday: patch.birthday } : {}),
    ...(patch.preferred_locale !== undefined ? { preferred_locale: patch.preferred_locale } : {}),
    ...(patch.preferred_currency !== undefined ? { preferred_currency: patch.preferred_currency } : {}),
    ...(consentChanged ? { marketing_consent: patch.marketing_consent ? 1 : 0, marketing_consent_at: now } : {}),
    updated_at: now,
  }).where('id', '=', customerId).execute();
  return (await getProfile(ctx, customerId))!;
}

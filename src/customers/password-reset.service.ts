// Forgotten passwords: a link by email (whether or not the address has an account, the answer is the same), then a
// new password that ends every session of the account.
import { hashPassword, passwordProblems } from '../platform/auth/password.ts';
import { revokeAllSessions } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { queueAccountMail } from './account-mail.tsx';
import { attachOrders, findCustomer, normaliseEmail, WeakPasswordError } from './accounts.service.ts';
import { consumeToken, hashToken, issuedRecently, issueToken, TOKEN_PATTERN } from './tokens.ts';

/**
 * Queues a reset link when the address has an account (not erased), at most one a minute per account. Says nothing
 * either way: the route always answers 202.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const row = await ctx.db.kysely.selectFrom('customers').select('id').where('email', '=', normaliseEmail(email)).where('erased_at', 'is', null).executeTakeFirst();
  if (!row || (await issuedRecently(ctx, row.id, 'reset_password', 60_000))) return;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const token = await issueToken(ctx, trx, row.id, 'reset_password');
    await queueAccountMail(trx, token.id);
  });
}

/**
 * Sets a new password with a reset link. The link proves the customer reads the mailbox, so an unverified address
 * becomes verified. Every session of the account ends (whoever knew the old password is signed out).
 */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<{ customerId: number; email: string }> {
  // Check the token before the policy (without using it), so a weak password does not burn the link.
  const invalid = () => new AppError(400, 'invalid_token', 'This link is not valid any more: it was used already or has expired. Ask for a new one.');
  const pending = new RegExp(TOKEN_PATTERN).test(token)
    ? await ctx.db.kysely.selectFrom('customer_tokens').select(['customer_id', 'expires_at', 'used_at'])
      .where('token_hash', '=', hashToken(token)).where('kind', '=', 'reset_password').executeTakeFirst()
    : undefined;
  if (!pending || pending.used_at || new Date(pending.expires_at) <= new Date()) throw invalid();
  const customer = await findCustomer(ctx, pending.customer_id);
  if (!customer) throw invalid();
  const problems = passwordProblems(password, [customer.email, customer.name]);
  if (problems.length > 0) throw new WeakPasswordError(problems);
  const hash = await hashPassword(password);

  const customerId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await consumeToken(trx, token, 'reset_password');
    if (id === null || id !== customer.id) return null;
    const now = new Date().toISOString();
    await trx.updateTable('customers').set({ password_hash: hash, updated_at: now }).where('id', '=', id).where('erased_at', 'is', null).execute();
    await trx.updateTable('customers').set({ email_verified_at: now }).where('id', '=', id).where('email_verified_at', 'is', null).execute();
    return id;
  });
  if (customerId === null) throw invalid();
  await revokeAllSessions(ctx, 'customer', customerId);
  const fresh = await findCustomer(ctx, customerId);
  if (fresh) await attachOrders(ctx, fresh);
  return { customerId, email: customer.email };
}

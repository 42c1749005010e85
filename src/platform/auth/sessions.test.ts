import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { createSession, hashSessionToken, listSessions, purgeEndedSessions, readSession, revokeAllSessions, revokeSession } from './sessions.ts';

describe('server-side sessions', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('creates a session whose token is never stored, and reads it back only for its subject', async () => {
    const { token, session } = await createSession(ctx, { subject: 'staff', subjectId: 7, ttlMs: 3600_000, ip: '10.0.0.1', userAgent: 'Firefox' });
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.match(session.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(session.subjectId, 7);
    const row = await ctx.db.kysely.selectFrom('auth_sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    assert.equal(row.token_hash, hashSessionToken(token));
    assert.ok(!JSON.stringify(row).includes(token), 'the token itself is not in the table');

    const read = await readSession(ctx, 'staff', token);
    assert.deepEqual(read, session);
    assert.equal(await readSession(ctx, 'customer', token), null, 'a staff token is not a customer session');
    assert.equal(await readSession(ctx, 'staff', undefined), null);
    assert.equal(await readSession(ctx, 'staff', ''), null);
    assert.equal(await readSession(ctx, 'staff', token.slice(1) + 'A'), null);
    assert.equal(await readSession(ctx, 'staff', "' or 1=1 --"), null);
    assert.equal(await readSession(ctx, 'staff', 'x'.repeat(10_000)), null);
  });

  it('refuses expired sessions and refreshes last_seen_at at most once a minute', async () => {
    const { token, session } = await createSession(ctx, { subject: 'customer', subjectId: 3, ttlMs: 3600_000 });
    const before = (await readSession(ctx, 'customer', token))!.lastSeenAt;
    assert.equal(before, session.lastSeenAt, 'read straight after creation does not write');
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    await ctx.db.kysely.updateTable('auth_sessions').set({ last_seen_at: old }).where('id', '=', session.id).execute();
    const touched = (await readSession(ctx, 'customer', token))!;
    assert.ok(touched.lastSeenAt > old);
    const stored = await ctx.db.kysely.selectFrom('auth_sessions').select('last_seen_at').where('id', '=', session.id).executeTakeFirstOrThrow();
    assert.equal(stored.last_seen_at, touched.lastSeenAt);

    await ctx.db.kysely.updateTable('auth_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', session.id).execute();
    assert.equal(await readSession(ctx, 'customer', token), null);
    assert.deepEqual(await listSessions(ctx, 'customer', 3), []);
  });

  it('lists, revokes one and revokes all but the current session', async () => {
    const a = await createSession(ctx, { subject: 'staff', subjectId: 11, ttlMs: 3600_000 });
    const b = await createSession(ctx, { subject: 'staff', subjectId: 11, ttlMs: 3600_000 });
    const c = await createSession(ctx, { subject: 'staff', subjectId: 11, ttlMs: 3600_000 });
    const other = await createSession(ctx, { subject: 'staff', subjectId: 12, ttlMs: 3600_000 });
    assert.deepEqual((await listSessions(ctx, 'staff', 11)).map((s) => s.id).sort(), [a, b, c].map((s) => s.session.id).sort());

    assert.equal(await revokeSession(ctx, 'staff', 12, a.session.id), false, 'someone else’s session cannot be revoked');
    assert.equal(await revokeSession(ctx, 'customer', 11, a.session.id), false);
    assert.equal(await revokeSession(ctx, 'staff', 11, 'nope'), false);
    assert.equal(await revokeSession(ctx, 'staff', 11, a.session.id), true);
    assert.equal(await revokeSession(ctx, 'staff', 11, a.session.id), false, 'already revoked');
    assert.equal(await readSession(ctx, 'staff', a.token), null);

    assert.equal(await revokeAllSessions(ctx, 'staff', 11, c.session.id), 1);
    assert.equal(await readSession(ctx, 'staff', b.token), null);
    assert.ok(await readSession(ctx, 'staff', c.token), 'the current session stays');
    assert.ok(await readSession(ctx, 'staff', other.token), 'other people keep theirs');
    assert.equal(await revokeAllSessions(ctx, 'staff', 11), 1);
    assert.equal(await readSession(ctx, 'staff', c.token), null);
  });

  it('purges sessions that ended long ago', async () => {
    const { session } = await createSession(ctx, { subject: 'staff', subjectId: 99, ttlMs: 1000 });
    await ctx.db.kysely.updateTable('auth_sessions').set({ expires_at: new Date(Date.now() - 40 * 86_400_000).toISOString() }).where('id', '=', session.id).execute();
    assert.ok((await purgeEndedSessions(ctx)) >= 1);
    assert.equal(await ctx.db.kysely.selectFrom('auth_sessions').select('id').where('id', '=', session.id).executeTakeFirst(), undefined);
  });

  it('refuses nonsense input to createSession', async () => {
    await assert.rejects(createSession(ctx, { subject: 'staff', subjectId: 0, ttlMs: 1000 }));
    await assert.rejects(createSession(ctx, { subject: 'staff', subjectId: 1, ttlMs: 0 }));
  });
});

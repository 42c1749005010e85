// The customer's session cookie: `pasar_session` holds the session token from the platform's session store.
// HttpOnly (no script reads it), SameSite=Lax (not sent with other sites' form posts), Secure on an https shop.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, readSession, revokeSession } from '../platform/auth/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { findCustomer } from './accounts.service.ts';

export const SESSION_COOKIE = 'pasar_session';
export const SESSION_TTL_MS = 30 * 24 * 3600_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_.~+/=-]{16,512}$/;

export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;
export interface SignedIn { customer: CustomerRecord; sessionId: string }

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer, once looked up for this request (null: looked up, nobody). */
    customerSession?: SignedIn | null;
  }
}

export function sessionTokenFrom(request: FastifyRequest): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      return TOKEN_SHAPE.test(value) ? value : null;
    }
  }
  return null;
}

const secure = (ctx: AppContext) => (ctx.config.baseUrl.startsWith('https:') ? '; Secure' : '');

export function sessionCookie(ctx: AppContext, token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}; HttpOnly; SameSite=Lax${secure(ctx)}`;
}

export function clearSessionCookie(ctx: AppContext): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure(ctx)}`;
}

/** Adds a Set-Cookie header without dropping those already on the reply (CSRF, cart). */
export function appendCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  reply.header('set-cookie', existing === undefined ? cookie : [...(Array.isArray(existing) ? existing : [String(existing)]), cookie]);
}

/** The signed-in customer of a request, or null (no cookie, unknown, expired or revoked session, erased account). */
export async function currentCustomer(ctx: AppContext, request: FastifyRequest): Promise<SignedIn | null> {
  if (request.customerSession !== undefined) return request.customerSession;
  const token = sessionTokenFrom(request);
  let found: SignedIn | null = null;
  if (token) {
    const session = await readSession(ctx, 'customer', token);
    const customer = session ? await findCustomer(ctx, Number(session.subjectId)) : null;
    if (session && customer) found = { customer, sessionId: String(session.id) };
  }
  request.customerSession = found;
  return found;
}

/**
 * Signs the customer in on this reply: a new session (a new id at every sign-in, so a planted cookie is useless),
 * replacing the one the browser held before, if any.
 */
export async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, customerId: number): Promise<void> {
  const previous = await currentCustomer(ctx, request);
  if (previous) await revokeSession(ctx, 'customer', previous.customer.id, previous.sessionId);
  const { token } = await createSession(ctx, {
    subject: 'customer', subjectId: customerId, ttlMs: SESSION_TTL_MS, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500),
  });
  appendCookie(reply, sessionCookie(ctx, token));
  request.customerSession = undefined;
}

/** Signs out: the session ends on the server and the cookie is cleared. */
export async function endSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const signedIn = await currentCustomer(ctx, request);
  if (signedIn) await revokeSession(ctx, 'customer', signedIn.customer.id, signedIn.sessionId);
  appendCookie(reply, clearSessionCookie(ctx));
  request.customerSession = null;
}

/** A preHandler for the store API's /me routes: 401 without a signed-in customer. */
export function requireCustomer(ctx: AppContext) {
  return async function checkCustomer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (await currentCustomer(ctx, request)) return;
    forgetStaleCookie(ctx, request, reply);
    throw new AppError(401, 'unauthorized', 'Sign in first (the pasar_session cookie is missing, expired or revoked)');
  };
}

/** A session cookie that opens no session (expired, revoked, erased account) is cleared, so the header says "Sign in". */
export function forgetStaleCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  if (sessionTokenFrom(request) !== null || (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`)) appendCookie(reply, clearSessionCookie(ctx));
}

/** The signed-in customer of a request that passed requireCustomer. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.customerSession) throw new AppError(401, 'unauthorized', 'Sign in first');
  return request.customerSession;
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { verifyApiKey } from './api-keys.ts';
import { staffSessionFor } from '../../staff/staff-principal.ts';
import type { Principal } from './principal.ts';
import { roleCan, type Permission } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Who a Bearer token names: an API key (`pk_…`, for machines) or a staff session token from
 * POST /api/admin/auth/login. A staff member whose password has expired gets 403 `password_expired`.
 */
export async function principalForBearer(ctx: AppContext, token: string): Promise<Principal | null> {
  if (token.startsWith('pk_')) return verifyApiKey(ctx.db.kysely, token);
  const staff = await staffSessionFor(ctx, token);
  if (staff?.passwordExpired) {
    throw new AppError(403, 'password_expired', 'Your password has expired: change it with POST /api/admin/auth/password, then sign in again.');
  }
  return staff?.principal ?? null;
}

/**
 * A preHandler for admin API routes: a valid Bearer API key or staff session token whose role holds `permission`.
 * 401 without a valid key or session, 403 when the role may not do this.
 */
export function requirePermission(ctx: AppContext, permission: Permission) {
  const checkPermission = async function checkPermission(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await principalForBearer(ctx, match[1]!) : null;
    if (!principal) throw new AppError(401, 'unauthorized', 'A valid admin API key or staff session token is required (Authorization: Bearer …)');
    // Known before the role check, so the audit log names who was refused.
    request.principal = principal;
    if (!roleCan(principal.role, permission)) {
      throw new AppError(403, 'forbidden', `The ${principal.role} role may not do this (needs ${permission})`);
    }
  };
  return withPermission(checkPermission, permission);
}

/** A route guard that says which permission it checks, so tests can read every route's permission (role matrix). */
export type PermissionCheck<F> = F & { readonly permission: Permission };

export function withPermission<F extends object>(fn: F, permission: Permission): PermissionCheck<F> {
  return Object.assign(fn, { permission });
}

/** The permission a route's preValidation/preHandler hook checks, or null when none of them is a permission check. */
export function permissionOf(hooks: unknown): Permission | null {
  for (const hook of [hooks ?? []].flat()) {
    const permission = (hook as { permission?: unknown } | null)?.permission;
    if (typeof permission === 'string') return permission as Permission;
  }
  return null;
}

/** OpenAPI security requirement for admin routes. */
export const adminSecurity = [{ apiKey: [] }];

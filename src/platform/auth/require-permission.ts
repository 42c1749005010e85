import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { verifyApiKey } from './api-keys.ts';
import type { Principal } from './principal.ts';
import { roleCan, type Permission } from './roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * A preHandler for admin API routes: a valid Bearer API key whose role holds `permission`.
 * 401 without a valid key, 403 when the role may not do this.
 */
export function requirePermission(ctx: AppContext, permission: Permission) {
  return async function checkPermission(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await verifyApiKey(ctx.db.kysely, match[1]) : null;
    if (!principal) throw new AppError(401, 'unauthorized', 'A valid admin API key is required (Authorization: Bearer …)');
    if (!roleCan(principal.role, permission)) {
      throw new AppError(403, 'forbidden', `The ${principal.role} role may not do this (needs ${permission})`);
    }
    request.principal = principal;
  };
}

/** OpenAPI security requirement for admin routes. */
export const adminSecurity = [{ apiKey: [] }];

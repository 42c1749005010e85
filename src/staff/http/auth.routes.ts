// The admin auth API: a staff member signs in with email, password and a two-factor code and gets a session token
// to send as `Authorization: Bearer <token>` on the admin API (the same session store as the back office's cookie).
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { adminSecurity } from '../../platform/auth/require-permission.ts';
import { revokeSession } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { authenticateStaff, setNewPassword, startStaffSession } from '../credentials.ts';
import type { StaffRow } from '../staff.repository.ts';
import { passwordExpired } from '../staff-rules.ts';
import { staffSessionFor } from '../staff-principal.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema };
const Email = Type.String({ minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 1000 });
const Totp = Type.String({ minLength: 6, maxLength: 20, description: 'The 6-digit code of the authenticator app, or a recovery code' });
const SessionAnswer = Type.Object({
  token: Type.String(),
  expires_at: Type.String(),
  staff: Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String(), role: Type.String() }),
});

async function issue(ctx: AppContext, request: FastifyRequest, staff: StaffRow) {
  const { token, session } = await startStaffSession(ctx, request, staff.id);
  return { token, expires_at: session.expiresAt, staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role } };
}

const bearerOf = (request: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const tags = ['admin'];

  app.post(
    '/api/admin/auth/login',
    {
      schema: {
        tags,
        // Public: this is how a staff member gets a token in the first place.
        security: [],
        summary: 'Sign in as a staff member: a session token for the admin API',
        description:
          'Wrong email, password or code all answer 401 `invalid_credentials` with the same message. Repeated failures lock the ' +
          'account (423 `account_locked`, even for the right password, until the time given); too many failures from one address ' +
          'answer 429 with Retry-After. A password that must be changed answers 403 `password_expired`: use /api/admin/auth/password.',
        body: Type.Object({ email: Email, password: Password, totp: Totp }, { additionalProperties: false }),
        response: { 200: SessionAnswer, ...errors },
      },
    },
    async (request) => {
      const body = request.body as { email: string; password: string; totp: string };
      const { staff } = await authenticateStaff(ctx, request, { email: body.email, password: body.password, code: body.totp });
      if (passwordExpired(staff, ctx.config.auth.staffPasswordMaxAgeDays)) {
        throw new AppError(403, 'password_expired', 'Your password has expired: choose a new one with POST /api/admin/auth/password.');
      }
      return issue(ctx, request, staff);
    },
  );

  app.post(
    '/api/admin/auth/password',
    {
      schema: {
        tags,
        security: [],
        summary: 'Change a staff password (also when it has expired); ends every other session and signs in',
        description: 'Checked like a sign-in (email, current password, code; same 401/423/429). The new password must meet the policy and differ from the current one (400 `weak_password`).',
        body: Type.Object({ email: Email, password: Password, new_password: Password, totp: Totp }, { additionalProperties: false }),
        response: { 200: SessionAnswer, ...errors },
      },
    },
    async (request) => {
      const body = request.body as { email: string; password: string; new_password: string; totp: string };
      const { staff } = await authenticateStaff(ctx, request, { email: body.email, password: body.password, code: body.totp });
      const problems = await setNewPassword(ctx, staff.id, body.new_password);
      if (problems.length) {
        const error = badRequest(problems.map((p) => p.message).join(' '), problems);
        throw new AppError(400, 'weak_password', error.message, error.details);
      }
      return issue(ctx, request, staff);
    },
  );

  app.post(
    '/api/admin/auth/logout',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'End the staff session whose token is sent as Bearer',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const token = bearerOf(request);
      const staff = token && !token.startsWith('pk_') ? await staffSessionFor(ctx, token) : null;
      if (!staff) throw new AppError(401, 'unauthorized', 'Send the staff session token to end as Authorization: Bearer <token>');
      await revokeSession(ctx, 'staff', staff.principal.staffId, staff.session.id);
      return reply.status(204).send();
    },
  );
}

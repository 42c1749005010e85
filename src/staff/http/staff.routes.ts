// Admin API for staff accounts (owners: staff:manage) and API keys (apikeys:manage).
import { Type } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { ROLES } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { createManagedApiKey, listApiKeys, MAX_KEY_DAYS, revokeApiKey } from '../api-keys.service.ts';
import type { StaffView } from '../staff-rules.ts';
import { changeRole, disableStaff, enableStaff, getStaffMember, inviteStaff, listStaffMembers, resendInvite, resetTwoFactor } from '../staff.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const admin = { tags: ['admin'], security: adminSecurity };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

const StaffSchema = Type.Object({
  id: Type.Integer(), email: Type.String(), name: Type.String(), role: Type.String(),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')]),
  two_factor: Type.Boolean(), invite_pending: Type.Boolean(), invite_expires_at: Nullable(Type.String()),
  password_changed_at: Nullable(Type.String()), last_login_at: Nullable(Type.String()), created_at: Type.String(),
});
const ApiKeySchema = Type.Object({
  id: Type.Integer(), name: Type.String(), role: Type.String(), prefix: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  created_at: Type.String(), expires_at: Nullable(Type.String()), revoked_at: Nullable(Type.String()),
});

export function registerStaffRoutes(app: App, ctx: AppContext): void {
  const manage = requirePermission(ctx, 'staff:manage');
  const id = (request: { params: unknown }) => (request.params as { id: number }).id;

  app.get('/api/admin/staff', {
    preHandler: manage,
    schema: { ...admin, summary: 'Staff accounts', response: { 200: Type.Object({ items: Type.Array(StaffSchema) }), ...errors } },
  }, async () => ({ items: await listStaffMembers(ctx) }));

  app.post('/api/admin/staff', {
    preHandler: manage,
    schema: {
      ...admin,
      summary: 'Invite a staff member: the account is created and a set-up link (72 hours, single use) is emailed',
      description: 'An email already in use answers 409 `email_taken`.',
      body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), name: Type.String({ minLength: 1, maxLength: 100 }), role: Role }, { additionalProperties: false }),
      response: { 201: StaffSchema, ...errors },
    },
  }, async (request, reply) => {
    const { staff } = await inviteStaff(ctx, request.body as { email: string; name: string; role: string });
    return reply.status(201).send(staff);
  });

  app.get('/api/admin/staff/:id', {
    preHandler: manage,
    schema: { ...admin, summary: 'One staff account', params: IdParams, response: { 200: StaffSchema, ...errors } },
  }, async (request) => getStaffMember(ctx, id(request)));

  app.patch('/api/admin/staff/:id', {
    preHandler: manage,
    schema: {
      ...admin, summary: 'Change a staff member’s role (applies at their next request)',
      description: 'Demoting the only owner who can sign in answers 409 `last_owner`.',
      params: IdParams, body: Type.Object({ role: Role }, { additionalProperties: false }), response: { 200: StaffSchema, ...errors },
    },
  }, async (request) => changeRole(ctx, id(request), (request.body as { role: string }).role, request.principal));

  const action = (path: string, summary: string, run: (staffId: number, principal: Principal | undefined) => Promise<StaffView>) =>
    app.post(`/api/admin/staff/:id/${path}`, {
      preHandler: manage,
      schema: { ...admin, summary, params: IdParams, body: Empty, response: { 200: StaffSchema, ...errors } },
    }, async (request) => run(id(request), request.principal));

  action('disable', 'Disable a staff member: signed out everywhere at once, no sign-in until enabled', (staffId, actor) => disableStaff(ctx, staffId, actor));
  action('enable', 'Enable a disabled staff member again', (staffId) => enableStaff(ctx, staffId));
  action('reset-two-factor', 'Reset two-factor (lost phone): sessions end, recovery codes are removed, a link to enrol again is emailed', async (staffId) => (await resetTwoFactor(ctx, staffId)).staff);
  action('resend-invite', 'Send a new set-up link to a member who has not finished setting up (the old link stops working)', async (staffId) => (await resendInvite(ctx, staffId)).staff);

  const keys = requirePermission(ctx, 'apikeys:manage');

  app.get('/api/admin/api-keys', {
    preHandler: keys,
    schema: { ...admin, summary: 'Admin API keys (newest first); keys themselves are never shown again', response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }), ...errors } },
  }, async () => ({ items: await listApiKeys(ctx) }));

  app.post('/api/admin/api-keys', {
    preHandler: keys,
    schema: {
      ...admin, summary: 'Create an API key for a machine, with a role and an expiry; the key is in this answer only',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: Role, expires_in_days: Type.Integer({ minimum: 1, maximum: MAX_KEY_DAYS }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ key: Type.String(), item: ApiKeySchema }), ...errors },
    },
  }, async (request, reply) => {
    const body = request.body as { name: string; role: string; expires_in_days: number };
    return reply.status(201).send(await createManagedApiKey(ctx, { name: body.name, role: body.role, expiresInDays: body.expires_in_days }));
  });

  app.post('/api/admin/api-keys/:id/revoke', {
    preHandler: keys,
    schema: { ...admin, summary: 'Revoke an API key (at once, for every process)', params: IdParams, body: Empty, response: { 200: ApiKeySchema, ...errors } },
  }, async (request) => revokeApiKey(ctx, id(request)));
}

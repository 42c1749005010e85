// /admin/staff — owners manage the team: invite (an email with a set-up link), change role, disable or enable, reset
// two-factor for a lost phone, resend a set-up link. Below, the API keys for machines (apikeys:manage): create with a
// role and an expiry (the key is shown once), revoke.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSRF_FIELD } from '../../admin/guard.ts';
import { renderAdminPage } from '../../admin/shell.tsx';
import { Csrf, ErrorSummary, fieldErrorsFrom, Select, TextField, type FieldErrors } from '../../admin/ui.tsx';
import { ROLES, roleCan } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createManagedApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from '../api-keys.service.ts';
import { changeRole, disableStaff, enableStaff, inviteStaff, listStaffMembers, resendInvite, resetTwoFactor } from '../staff.service.ts';
import type { StaffView } from '../staff-rules.ts';
import { adminOf, staffPage, when } from './common.tsx';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
const field = Type.Optional(Type.String({ maxLength: 1000 }));
const InviteBody = Type.Object({ email: field, name: field, role: field, [CSRF_FIELD]: field }, { additionalProperties: false });
const RoleBody = Type.Object({ role: field, [CSRF_FIELD]: field }, { additionalProperties: false });
const CsrfBody = Type.Object({ [CSRF_FIELD]: field }, { additionalProperties: false });
const KeyBody = Type.Object({ name: field, role: field, expires_in_days: field, [CSRF_FIELD]: field }, { additionalProperties: false });
const ListQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false });

const NOTICES: Record<string, string> = {
  invited: 'Invitation sent. The link works for 72 hours.',
  role: 'Role changed. It applies at their next page.',
  disabled: 'Disabled and signed out everywhere.',
  enabled: 'Enabled again.',
  'two-factor-reset': 'Two-factor reset: they were signed out and got an email to set it up again.',
  'invite-resent': 'A new set-up link was sent; the previous one no longer works.',
  'key-revoked': 'API key revoked.',
};

const roleOptions = ROLES.map((r) => ({ value: r, label: r }));

interface PageState {
  errors?: FieldErrors;
  values?: Record<string, string>;
  keyErrors?: FieldErrors;
  keyValues?: Record<string, string>;
  newKey?: { key: string; item: ApiKeyView } | null;
  notice?: string | null;
  status?: number;
}

function StaffTable({ staff, csrf, selfId }: { staff: StaffView[]; csrf: string; selfId: number }) {
  const button = (s: StaffView, path: string, label: string, kind = 'secondary') => (
    <form method="post" action={`/admin/staff/${s.id}/${path}`} class="inline-form">
      <Csrf token={csrf} />
      <button type="submit" class={kind}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr data-testid={`staff-${s.id}`}>
              <td>
                {s.name}
                {s.id === selfId && ' (you)'}
              </td>
              <td>{s.email}</td>
              <td>
                <form method="post" action={`/admin/staff/${s.id}/role`} class="inline-form">
                  <Csrf token={csrf} />
                  <label for={`role-${s.id}`}>Role of {s.name}</label>
                  <select id={`role-${s.id}`} name="role">
                    {ROLES.map((r) => (
                      <option value={r} selected={r === s.role}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    Change
                  </button>
                </form>
              </td>
              <td>
                <span class={`badge ${s.status === 'active' ? 'active' : s.status === 'invited' ? 'pending' : 'archived'}`}>{s.status}</span>
                {s.status !== 'disabled' && !s.two_factor && <small> · two-factor not set up</small>}
                {s.invite_pending && <small> · link valid until {when(s.invite_expires_at)}</small>}
              </td>
              <td>{when(s.last_login_at)}</td>
              <td class="actions">
                {s.status === 'disabled' ? button(s, 'enable', 'Enable') : s.id !== selfId && button(s, 'disable', 'Disable', 'danger')}
                {s.status === 'active' && s.two_factor && button(s, 'reset-two-factor', 'Reset two-factor')}
                {s.status !== 'disabled' && (s.status === 'invited' || !s.two_factor) && button(s, 'resend-invite', 'Send a new set-up link')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApiKeys({ keys, csrf, errors, values, newKey }: { keys: ApiKeyView[]; csrf: string; errors: FieldErrors; values: Record<string, string>; newKey?: { key: string; item: ApiKeyView } | null }) {
  return (
    <section aria-labelledby="api-keys" id="api-keys-section">
      <h2 id="api-keys">API keys</h2>
      <p>For machines and scripts that call the admin API (people sign in with their own account). Each key has a role and an expiry.</p>
      {newKey && (
        <div class="notice" role="status">
          <p>
            Key “{newKey.item.name}” created. Copy it now: <strong>it is shown only once.</strong>
          </p>
          <p>
            <code data-testid="new-api-key">{newKey.key}</code>
          </p>
        </div>
      )}
      {keys.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Key starts</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>{k.role}</td>
                  <td>
                    <code>{`pk_${k.prefix}_…`}</code>
                  </td>
                  <td>{when(k.created_at)}</td>
                  <td>{when(k.expires_at)}</td>
                  <td>{k.status}</td>
                  <td>
                    {k.status === 'active' && (
                      <form method="post" action={`/admin/api-keys/${k.id}/revoke`} class="inline-form">
                        <Csrf token={csrf} />
                        <button type="submit" class="danger">
                          Revoke {k.name}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>New API key</h3>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/api-keys" class="stack">
        <Csrf token={csrf} />
        <TextField label="Name" name="name" value={values.name} required maxLength={100} hint="What uses it, e.g. “ERP stock sync”." errors={errors} />
        <Select label="Role" name="role" value={values.role ?? 'support'} options={roleOptions} errors={errors} />
        <TextField label="Expires after (days)" name="expires_in_days" type="number" min={1} value={values.expires_in_days ?? '90'} required errors={errors} />
        <button type="submit">Create key</button>
      </form>
    </section>
  );
}

async function renderStaffPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, state: PageState = {}) {
  const admin = adminOf(request);
  const staff = await listStaffMembers(ctx);
  const canKeys = roleCan(admin.principal.role, 'apikeys:manage');
  const keys = canKeys ? await listApiKeys(ctx) : [];
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  return renderAdminPage(ctx, request, reply, { title: 'Staff', active: 'staff', notice: state.notice, status: state.status }, (
    <>
      <h1>Staff</h1>
      <StaffTable staff={staff} csrf={admin.csrf} selfId={admin.principal.staffId} />
      <section aria-labelledby="invite">
        <h2 id="invite">Invite someone</h2>
        <p>They get an email with a link to choose a password and set up two-factor sign-in.</p>
        <ErrorSummary errors={errors} />
        <form method="post" action="/admin/staff" class="stack">
          <Csrf token={admin.csrf} />
          <TextField label="Email address" name="email" value={values.email} required maxLength={254} errors={errors} />
          <TextField label="Name" name="name" value={values.name} required maxLength={100} errors={errors} />
          <Select label="Role" name="role" value={values.role ?? 'support'} options={roleOptions} errors={errors} />
          <button type="submit">Send invitation</button>
        </form>
      </section>
      {canKeys && <ApiKeys keys={keys} csrf={admin.csrf} errors={state.keyErrors ?? {}} values={state.keyValues ?? {}} newKey={state.newKey} />}
    </>
  ));
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A service refusal (400 invalid input, 404, 409) shown on the page with its status; anything else is a bug. */
function refusal(err: unknown): { errors: FieldErrors; status: number } {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  return { errors: fieldErrorsFrom(err.details, err.message), status: err.status };
}

export function registerStaffPages(app: App, ctx: AppContext): void {
  app.get('/admin/staff', staffPage(ctx, 'staff:manage', { querystring: ListQuery }), async (request, reply) =>
    renderStaffPage(ctx, request, reply, { notice: NOTICES[(request.query as { done?: string }).done ?? ''] ?? null }),
  );

  app.post('/admin/staff', staffPage(ctx, 'staff:manage', { body: InviteBody }), async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = { email: str(body.email), name: str(body.name), role: str(body.role) };
    try {
      await inviteStaff(ctx, values);
    } catch (err) {
      return renderStaffPage(ctx, request, reply, { ...refusal(err), values });
    }
    return reply.redirect('/admin/staff?done=invited', 303);
  });

  const action = (path: string, done: string, run: (id: number, request: FastifyRequest) => Promise<unknown>, body = CsrfBody) =>
    app.post(`/admin/staff/:id/${path}`, staffPage(ctx, 'staff:manage', { params: IdParams, body }), async (request, reply) => {
      try {
        await run((request.params as { id: number }).id, request);
      } catch (err) {
        return renderStaffPage(ctx, request, reply, refusal(err));
      }
      return reply.redirect(`/admin/staff?done=${done}`, 303);
    });

  action('role', 'role', (id, request) => changeRole(ctx, id, str((request.body as Record<string, unknown>).role), request.admin!.principal), RoleBody);
  action('disable', 'disabled', (id, request) => disableStaff(ctx, id, request.admin!.principal));
  action('enable', 'enabled', (id) => enableStaff(ctx, id));
  action('reset-two-factor', 'two-factor-reset', (id) => resetTwoFactor(ctx, id));
  action('resend-invite', 'invite-resent', (id) => resendInvite(ctx, id));

  app.post('/admin/api-keys', staffPage(ctx, 'apikeys:manage', { body: KeyBody }), async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const keyValues = { name: str(body.name), role: str(body.role), expires_in_days: str(body.expires_in_days) };
    const days = /^\d{1,5}$/.test(keyValues.expires_in_days.trim()) ? Number(keyValues.expires_in_days) : NaN;
    try {
      const newKey = await createManagedApiKey(ctx, { name: keyValues.name, role: keyValues.role, expiresInDays: days });
      return renderStaffPage(ctx, request, reply, { newKey });
    } catch (err) {
      const r = refusal(err);
      return renderStaffPage(ctx, request, reply, { keyErrors: r.errors, keyValues, status: r.status });
    }
  });

  app.post('/admin/api-keys/:id/revoke', staffPage(ctx, 'apikeys:manage', { params: IdParams, body: CsrfBody }), async (request, reply) => {
    try {
      await revokeApiKey(ctx, (request.params as { id: number }).id);
    } catch (err) {
      return renderStaffPage(ctx, request, reply, refusal(err));
    }
    return reply.redirect('/admin/staff?done=key-revoked', 303);
  });
}

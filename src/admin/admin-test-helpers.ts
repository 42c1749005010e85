// Signing in to the back office in tests, through the real sign-in form (email, password, two-factor code).
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../platform/http/app.ts';
import type { AppContext } from '../platform/context.ts';
import type { Role } from '../platform/auth/roles.ts';
import { createTestStaff, freshTotpCode, type TestStaff } from '../staff/test-support.ts';

export interface AdminBrowser {
  cookie: string;
  /** The staff member signed in (created for this browser). */
  staff: TestStaff;
  staffId: number;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form; `_csrf` is added from the last page read unless given. */
  post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  csrf(): Promise<string>;
}

export const cookieFrom = (setCookie: string | string[] | undefined, name: string): string | undefined =>
  [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`));

export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) params.append(k, x);
  return params.toString();
}

export interface SignInFields {
  email: string;
  password: string;
  code: string;
}

/** Fetches the sign-in form (for its double-submit token), posts the credentials; the response of the post. */
export async function signIn(app: App, fields: SignInFields, headers: Record<string, string> = {}, options: { remoteAddress?: string } = {}) {
  const form = await app.inject({ url: '/admin/login', headers, remoteAddress: options.remoteAddress });
  const loginCookie = cookieFrom(form.headers['set-cookie'], 'pasar_admin_login')!.split(';')[0]!;
  const token = csrfIn(form.body)!;
  return app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { ...headers, cookie: [headers.cookie, loginCookie].filter(Boolean).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: token, email: fields.email, password: fields.password, code: fields.code }),
    remoteAddress: options.remoteAddress,
  });
}

/** Signs a staff member in through the form and returns the session cookie's `name=value`. */
export async function signInAs(app: App, ctx: AppContext, staff: TestStaff): Promise<string> {
  const res = await signIn(app, { email: staff.email, password: staff.password, code: await freshTotpCode(ctx, staff.id, staff.totpSecret) });
  assert.equal(res.statusCode, 303, res.body);
  return cookieFrom(res.headers['set-cookie'], 'pasar_admin')!.split(';')[0]!;
}

/** A new staff member of `role` (password and two-factor set up), signed in through the real sign-in form. */
export async function adminBrowser(app: App, ctx: AppContext, role: Role = 'owner'): Promise<AdminBrowser> {
  const staff = await createTestStaff(ctx, role);
  const cookie = await signInAs(app, ctx, staff);
  let token = '';
  const browser: AdminBrowser = {
    cookie,
    staff,
    staffId: staff.id,
    get: (url) => app.inject({ url, headers: { cookie } }),
    post: (url, fields) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: token, ...fields }),
      }),
    async csrf() {
      if (!token) token = csrfIn((await app.inject({ url: '/admin', headers: { cookie } })).body) ?? '';
      return token;
    },
  };
  await browser.csrf();
  return browser;
}

// Signing in to the back office in tests, through the real sign-in form.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../platform/http/app.ts';
import type { AppContext } from '../platform/context.ts';
import { createApiKey } from '../platform/auth/api-keys.ts';
import type { Role } from '../platform/auth/roles.ts';

export interface AdminBrowser {
  cookie: string;
  keyId: number;
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

/** Fetches the sign-in form (for its double-submit token), posts the key, returns the session cookie's `name=value`. */
export async function signIn(app: App, key: string) {
  const form = await app.inject({ url: '/admin/login' });
  const loginCookie = cookieFrom(form.headers['set-cookie'], 'pasar_admin_login')!.split(';')[0];
  const token = csrfIn(form.body)!;
  return app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: token, api_key: key }),
  });
}

export async function adminBrowser(app: App, ctx: AppContext, role: Role = 'owner'): Promise<AdminBrowser> {
  const { id, key } = await createApiKey(ctx.db.kysely, { name: `${role} tester`, role });
  const res = await signIn(app, key);
  assert.equal(res.statusCode, 303, res.body);
  const cookie = cookieFrom(res.headers['set-cookie'], 'pasar_admin')!.split(';')[0];
  let token = '';
  const browser: AdminBrowser = {
    cookie,
    keyId: id,
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

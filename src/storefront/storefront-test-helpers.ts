// Posting storefront forms in tests through the token layer of CSRF protection (src/platform/http/csrf.ts): first a
// page that is the visitor's own (it sets the CSRF cookie and carries the token in every form), then the post with
// the cookie and the `_csrf` field, and no Sec-Fetch-Site or Origin, as a client that is not a browser would.
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../platform/http/app.ts';
import { CSRF_COOKIE, CSRF_FIELD } from '../platform/http/csrf.ts';

export interface StorefrontCsrf {
  /** `pasar_csrf=…`, for the Cookie header. */
  cookie: string;
  /** The `_csrf` value the page's forms carry. */
  token: string;
}

export const csrfTokenIn = (html: string) => new RegExp(`name="${CSRF_FIELD}" value="([^"]+)"`).exec(html)?.[1];

/** Opens `url` (a page that mints the cookie: catalogue pages do not) as a new visitor; its CSRF cookie and token. */
export async function storefrontCsrf(app: App, url = '/cart'): Promise<StorefrontCsrf> {
  const res = await app.inject({ url });
  const cookie = [res.headers['set-cookie'] ?? []].flat().map(String).find((c) => c.startsWith(`${CSRF_COOKIE}=`))?.split(';')[0];
  const token = csrfTokenIn(res.body);
  if (!cookie || !token) throw new Error(`${url} set no CSRF cookie or has no form token (status ${res.statusCode})`);
  return { cookie, token };
}

/** Posts a urlencoded form with the visitor's CSRF cookie and token; `cookie` adds the visitor's other cookies. */
export function postForm(app: App, csrf: StorefrontCsrf, url: string, fields: Record<string, string>, cookie?: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ ...fields, [CSRF_FIELD]: csrf.token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie ? `${csrf.cookie}; ${cookie}` : csrf.cookie },
  });
}

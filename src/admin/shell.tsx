// What every back-office page uses: route options (guard, hidden from OpenAPI), the form body schema, and rendering
// inside the layout.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.ts';
import type { Permission } from '../platform/auth/roles.ts';
import { sendHtml } from '../platform/http/html.ts';
import { adminGuard } from './guard.ts';
import { Layout, type NavKey } from './layout.tsx';

/** URL-encoded form fields: strings, or lists of strings for repeated names. */
export const FormBodySchema = Type.Record(
  Type.String({ maxLength: 200 }),
  Type.Union([Type.String({ maxLength: 200_000 }), Type.Array(Type.String({ maxLength: 200_000 }), { maxItems: 1000 })]),
);

export interface PageOptions {
  title: string;
  active?: NavKey;
  notice?: string | null;
  status?: number;
}

export function renderAdminPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, options: PageOptions, children: ComponentChildren) {
  reply.header('cache-control', 'no-store');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  return sendHtml(
    reply,
    <Layout title={options.title} shopName={ctx.config.shopName} admin={request.admin} active={options.active} notice={options.notice}>
      {children}
    </Layout>,
    options.status ?? 200,
  );
}

export function renderForbidden(ctx: AppContext) {
  return (request: FastifyRequest, reply: FastifyReply, message: string) =>
    renderAdminPage(ctx, request, reply, { title: 'Not allowed', status: 403 }, (
      <section>
        <h1>Not allowed</h1>
        <p>{message}</p>
        <p>
          <a href="/admin">Back to the dashboard</a>
        </p>
      </section>
    ));
}

export function renderNotFoundPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, what: string) {
  return renderAdminPage(ctx, request, reply, { title: 'Not found', status: 404 }, (
    <section>
      <h1>{what} not found</h1>
      <p>
        <a href="/admin">Back to the dashboard</a>
      </p>
    </section>
  ));
}

/**
 * Route options for a back-office page needing `permission`: the guard (session, key still valid, role, CSRF on
 * POST) runs before validation, so a visitor without a session is redirected rather than told about the form.
 */
export function adminPage(ctx: AppContext, permission: Permission, schema: Record<string, unknown> = {}) {
  return {
    preValidation: adminGuard(ctx, permission, { forbidden: renderForbidden(ctx) }),
    schema: { hide: true, ...schema },
  };
}

const NOTICES = {
  saved: 'Saved.',
  created: 'Created.',
  deleted: 'Deleted.',
  published: 'Published.',
  unpublished: 'Unpublished: back to draft.',
  approved: 'Review approved.',
  rejected: 'Review rejected.',
  'image-added': 'Image added.',
  'image-deleted': 'Image deleted.',
  'order-updated': 'Order updated.',
} as const;
export type NoticeCode = keyof typeof NOTICES;

/** A 303 redirect after a successful form post, with a notice shown on the next page. */
export function redirectAfterPost(reply: FastifyReply, location: string, notice?: NoticeCode) {
  const url = notice ? `${location}${location.includes('?') ? '&' : '?'}notice=${notice}` : location;
  return reply.redirect(url, 303);
}

/** The notice named in the query string; only our own fixed texts are shown, never text from the URL. */
export function noticeFrom(query: unknown): string | null {
  const n = (query as { notice?: unknown } | undefined)?.notice;
  return typeof n === 'string' && Object.hasOwn(NOTICES, n) ? NOTICES[n as NoticeCode] : null;
}

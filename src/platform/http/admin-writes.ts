// Hooks that concern the back office's writes only (the audit log, emptying the catalogue cache after a staff edit)
// attach to the admin routes that write, as each route is registered, instead of running on every request: a global
// hook is paid by every page view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for a route pattern of the admin API or the back office. */
export const isAdminRoute = (url: string) => /^\/(api\/)?admin(\/|$)/.test(url);

type OnSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;

/**
 * Runs `hook` before the answer of every admin write is sent (an onSend hook of each admin route with a write
 * method; for a route that also answers reads, only on its writes). Call it before the modules add their routes.
 */
export function onAdminWrite(app: FastifyInstance, hook: OnSend): void {
  const onWrite: OnSend = async (request, reply, payload) => (WRITE_METHODS.has(request.method) ? hook(request, reply, payload) : payload);
  app.addHook('onRoute', (route) => {
    if (!isAdminRoute(route.url) || ![route.method].flat().some((m) => WRITE_METHODS.has(m))) return;
    route.onSend = [...[route.onSend ?? []].flat(), onWrite] as typeof route.onSend;
  });
}

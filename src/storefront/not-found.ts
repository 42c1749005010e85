// The HTML 404 for any unknown non-API URL (the app's not-found handler calls this): the storefront's helpful page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { sendNotFound } from './routes.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the storefront module so the 404 page (rendered outside any route) can read the catalogue. */
    storefrontContext?: AppContext;
  }
}

export async function renderNotFound(request: FastifyRequest, reply: FastifyReply) {
  const ctx = request.server.storefrontContext;
  if (!ctx) {
    return reply.status(404).type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>Not found</title><h1>Not found</h1></html>');
  }
  return sendNotFound(ctx, request, reply);
}

// Cache-Control for answers that are the same for every visitor (catalogue reads of the store API, sitemaps).
// Browsers, CDNs and proxies may keep them briefly and keep serving them while they revalidate in the background;
// with the ETag on every answer (app.ts), revalidating an unchanged answer costs a 304 and no body.
import type { FastifyReply } from 'fastify';

/** Fresh for 30 s, then served stale for up to 5 minutes while a revalidation runs. Prices are re-checked in the cart. */
export const PUBLIC_CATALOGUE = 'public, max-age=30, stale-while-revalidate=300';

export function publicCatalogue(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', PUBLIC_CATALOGUE);
}

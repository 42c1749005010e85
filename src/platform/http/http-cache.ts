// Cache-Control for answers that are the same for every visitor (catalogue reads of the store API, sitemaps).
// Browsers, CDNs and proxies may keep them briefly and keep serving them while they revalidate in the background;
// with the ETag on every answer (app.ts), revalidating an unchanged answer costs a 304 and no body.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catalogCache } from '../cache/catalog-cache.ts';
import type { AppContext } from '../context.ts';
import { acceptsGzip } from './gzip-holes.ts';

/** Fresh for 30 s, then served stale for up to 5 minutes while a revalidation runs. Prices are re-checked in the cart. */
export const PUBLIC_CATALOGUE = 'public, max-age=30, stale-while-revalidate=300';

export function publicCatalogue(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', PUBLIC_CATALOGUE);
}

/** A cached answer: the serialised body and its ETag, made once per catalogue generation. */
interface CachedJson {
  body: string;
  etag: string;
}

/**
 * The ETag of a body, as @fastify/etag gives it (app.ts passes it this hash), so a cached answer keeps its validator.
 * crypto.hash, the one-shot form, costs a third of a createHash object on the short bodies most answers have.
 */
export const etagHash = (body: string | Buffer) => crypto.hash('sha1', body, 'base64');
export const etagOf = (body: string) => `"${etagHash(body)}"`;

/**
 * Sends a public catalogue read from the catalogue cache as serialised JSON: a hit costs no query, no serialisation
 * and no hashing. The key is the request's URL, which holds every input of these routes (locale and currency are
 * query parameters); `load` answers with the route's 200 body, serialised here by the route's response schema, or
 * throws (a 404 is not cached).
 */
export async function sendCachedJson(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, load: () => Promise<unknown>): Promise<FastifyReply> {
  const cached = await catalogCache(ctx).get<CachedJson>(`json:${request.url}`, async () => {
    const body = String(reply.serializeInput((await load()) as Record<string, unknown>, '200'));
    return { body, etag: etagOf(body) };
  });
  publicCatalogue(reply).type('application/json; charset=utf-8').header('vary', 'Accept-Encoding');
  if (acceptsGzip(request.headers['accept-encoding'])) {
    // A different representation has its own validator.
    return reply.header('content-encoding', 'gzip').header('etag', `${cached.etag.slice(0, -1)}.gz"`).send(gzipOf(cached));
  }
  return reply.header('etag', cached.etag).send(utf8Of(cached));
}

/**
 * A value made from a cached entry once and kept beside it, gone with it: its UTF-8 bytes, its gzip. Not in it,
 * because entries may travel through Redis as JSON. Encoding once matters: a string with any non-Latin-1 character
 * (Thai names, say) would otherwise be re-encoded on every send, which costs more than the rest of a cached answer.
 */
export function keptBeside<E extends object, V>(make: (entry: E) => V): (entry: E) => V {
  const kept = new WeakMap<E, V>();
  return (entry) => {
    let value = kept.get(entry);
    if (value === undefined) {
      value = make(entry);
      kept.set(entry, value);
    }
    return value;
  };
}

const utf8Of = keptBeside((entry: CachedJson) => Buffer.from(entry.body, 'utf8'));
const gzipOf = keptBeside((entry: CachedJson) => zlib.gzipSync(utf8Of(entry)));

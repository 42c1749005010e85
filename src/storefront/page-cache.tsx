// Catalogue pages (home, listings, search, product pages) rendered once and served from the catalogue cache, which
// every catalogue, content or settings change empties (src/platform/cache). What differs per visitor is left as holes
// in the cached HTML and filled on each request: the CSRF token in forms (for a visitor who holds one), and the
// header's mini-cart and account link. A first visit has none of these, so its answer is made once and kept. The
// currency is part of the key (it changes every price on the page), and so is the full URL.
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import type { Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { heldCsrfToken } from '../platform/http/csrf.ts';
import { acceptsGzip, compressSegments, gzipWithHoles } from '../platform/http/gzip-holes.ts';
import { etagHash, keptBeside } from '../platform/http/http-cache.ts';
import { HeaderPersonal, type PersonalParts } from './components/header-personal.tsx';
import { currencyFrom, pageCache, pageContext, personalParts, shopCurrencies, type PageContext } from './page-context.ts';
import { CSRF_HOLE, PERSONAL_HOLE } from './page-holes.ts';

export type PageOutcome = { vnode: VNode } | { notFound: true } | { redirect: string; status?: 301 | 302 };
/**
 * A rendered page cut at its holes: text, hole, text, hole, ... (odd indexes are holes), and the ETag of the
 * template, so a request joins strings and hashes a few bytes instead of scanning and hashing the whole page.
 */
type Template = { parts: string[]; etag: string };
type Cached = Template | { notFound: true } | { redirect: string; status: 301 | 302 };

const HOLES = new RegExp(`(${CSRF_HOLE}|${PERSONAL_HOLE})`);

function template(html: string): Template {
  return { parts: html.split(HOLES), etag: etagHash(html) };
}

// The template's texts between the holes as UTF-8, and their gzip segments (made on the first request that accepts
// gzip), each once per template.
const textsOf = keptBeside((t: Template) => t.parts.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text, 'utf8')));
const segmentsOf = keptBeside((t: Template) => compressSegments(textsOf(t)));
const holesOf = keptBeside((t: Template) => t.parts.filter((_, i) => i % 2 === 1));

// The header's visitor part takes a handful of forms (most visitors: no cart, not signed in); render each once.
const headers = new Map<string, string>();
function headerPersonal(locale: Locale, defaultLocale: Locale, personal: PersonalParts): string {
  const key = `${locale}|${defaultLocale}|${personal.cartCount}|${personal.signedIn}`;
  let html = headers.get(key);
  if (html === undefined) {
    html = renderToString(<HeaderPersonal locale={locale} defaultLocale={defaultLocale} {...personal} />);
    if (headers.size >= 1000) headers.clear();
    headers.set(key, html);
  }
  return html;
}


/**
 * Serves a catalogue page: from the cache when this URL in this currency was rendered since the last change,
 * otherwise rendered by `render` with a page context whose personal parts are holes. `onNotFound` answers a
 * missing page (not cached as HTML, so the 404 page shows the visitor's own header).
 */
export async function sendCatalogPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
  render: (page: PageContext) => Promise<PageOutcome>,
  onNotFound: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const currency = currencyFrom(request, ctx.config.defaultCurrency, await shopCurrencies(ctx));
  const key = `page:${locale}:${currency}:${request.url}`;
  const cached = await catalogCache(ctx).get<Cached>(key, async () => {
    const page = await pageContext(ctx, request, locale, { template: true, currency });
    const outcome = await render(page);
    if ('vnode' in outcome) return template('<!doctype html>' + renderToString(outcome.vnode));
    if ('redirect' in outcome) return { redirect: outcome.redirect, status: outcome.status ?? 301 };
    return { notFound: true };
  });
  if ('notFound' in cached) return onNotFound();
  if ('redirect' in cached) return reply.code(cached.status).header('location', cached.redirect).send();

  const personal = await personalParts(ctx, request);
  const token = heldCsrfToken(ctx, request);
  const header = headerPersonal(locale, ctx.config.defaultLocale, personal);
  const firstVisit = token === undefined && personal.cartCount === 0 && !personal.signedIn;
  const answer = firstVisit ? firstVisitAnswer(cached, header) : visitorAnswer(cached, token ?? '', header);
  pageCache(reply).status(200).type('text/html; charset=utf-8').header('vary', 'Cookie, Accept-Encoding');
  if (acceptsGzip(request.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').header('etag', `"${answer.etag}.gz"`).send(answer.gzip());
  }
  return reply.header('etag', `"${answer.etag}"`).send(answer.plain());
}

interface Answer {
  etag: string;
  plain: () => Buffer;
  gzip: () => Buffer;
}

/** The template with this visitor's parts in its holes; the parts and the template make its validator together. */
function visitorAnswer(cached: Template, token: string, header: string): Answer {
  const fill: Record<string, Buffer> = { [CSRF_HOLE]: Buffer.from(token), [PERSONAL_HOLE]: Buffer.from(header) };
  const holes = holesOf(cached).map((hole) => fill[hole]!);
  return {
    etag: etagHash(`${cached.etag}\n${token}\n${header}`),
    plain: () => Buffer.concat(textsOf(cached).flatMap((text, i) => (i < holes.length ? [text, holes[i]!] : [text]))),
    gzip: () => gzipWithHoles(segmentsOf(cached), holes),
  };
}

// A first visit (no CSRF cookie, no cart, not signed in) gets the page every first visit gets: its forms carry no
// token (the browser's Sec-Fetch-Site or Origin vouches for their posts, src/platform/http/csrf.ts) and its header
// the empty mini-cart. So the whole answer, plain and gzipped, is made once per template and then only sent; gzipped
// whole rather than in segments, which makes it about a fifth smaller.
const firstVisits = new WeakMap<Template, { header: string; answer: Answer }>();
function firstVisitAnswer(cached: Template, header: string): Answer {
  const kept = firstVisits.get(cached);
  if (kept && kept.header === header) return kept.answer;
  const made = visitorAnswer(cached, '', header);
  let plain: Buffer | undefined;
  let gzip: Buffer | undefined;
  const answer: Answer = { etag: made.etag, plain: () => (plain ??= made.plain()), gzip: () => (gzip ??= zlib.gzipSync(answer.plain())) };
  firstVisits.set(cached, { header, answer });
  return answer;
}

import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Sends a server-rendered TSX page. Preact escapes every interpolated string, so text from the database is safe. */
export function sendHtml(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send('<!doctype html>' + renderToString(page));
}

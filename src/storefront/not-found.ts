import type { FastifyReply, FastifyRequest } from 'fastify';

// Replaced by the storefront's helpful 404 page.
export async function renderNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).type('text/html; charset=utf-8').send('<!doctype html><title>Not found</title><h1>Not found</h1>');
}

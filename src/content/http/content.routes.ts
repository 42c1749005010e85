// Admin API for news articles and content pages: /api/admin/news and /api/admin/pages.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { notFound } from '../../platform/http/errors.ts';
import { createArticle, deleteArticle, getArticleForAdmin, listArticlesForAdmin, updateArticle } from '../articles.service.ts';
import { AdminArticle, AdminPage, ARTICLE_STATUSES, ArticleInput, ArticlePatch, PageInput, PagePatch } from '../content.schemas.ts';
import { createPage, deletePage, getPageForAdmin, listPagesForAdmin, updatePage } from '../pages.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

const ArticleListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union(ARTICLE_STATUSES.map((s) => Type.Literal(s)))),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    per_page: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
const ArticleListItem = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  author: Type.String(),
  published_at: Type.Union([Type.String(), Type.Null()]),
  updated_at: Type.String(),
  title: Type.String(),
  slug: Type.String(),
  locales: Type.Array(Type.String()),
});
const PageListItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  updated_at: Type.String(),
  title: Type.String(),
  slug: Type.String(),
  locales: Type.Array(Type.String()),
});

export function registerContentRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'content:write');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.get(
    '/api/admin/news',
    {
      preHandler: read,
      schema: {
        ...admin,
        summary: 'List news articles, drafts included',
        querystring: ArticleListQuery,
        response: { 200: Type.Object({ items: Type.Array(ArticleListItem), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const query = request.query as { q?: string; status?: 'draft' | 'published'; page: number; per_page: number };
      const result = await listArticlesForAdmin(ctx, query);
      return { ...result, page: query.page, per_page: query.per_page };
    },
  );

  app.post(
    '/api/admin/news',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Create a news article',
        description: 'Slugs are made from titles when absent. Bodies are reduced to the content HTML subset.',
        body: ArticleInput,
        response: { 201: AdminArticle, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createArticle(ctx, request.body as ArticleInput)),
  );

  app.get(
    '/api/admin/news/:id',
    { preHandler: read, schema: { ...admin, summary: 'Get a news article', params: IdParams, response: { 200: AdminArticle, ...errors } } },
    async (request) => {
      const { id } = request.params as { id: number };
      const article = await getArticleForAdmin(ctx, id);
      if (!article) throw notFound('Article', { id });
      return article;
    },
  );

  app.patch(
    '/api/admin/news/:id',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Change a news article',
        description: 'Translations named in the body replace the stored ones; `null` removes a locale (not the default one).',
        params: IdParams,
        body: ArticlePatch,
        response: { 200: AdminArticle, ...errors },
      },
    },
    async (request) => updateArticle(ctx, (request.params as { id: number }).id, request.body as ArticlePatch),
  );

  app.delete(
    '/api/admin/news/:id',
    { preHandler: write, schema: { ...admin, summary: 'Delete a news article', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteArticle(ctx, (request.params as { id: number }).id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/pages',
    { preHandler: read, schema: { ...admin, summary: 'List content pages', response: { 200: Type.Object({ items: Type.Array(PageListItem) }), ...errors } } },
    async () => ({ items: await listPagesForAdmin(ctx) }),
  );

  app.post(
    '/api/admin/pages',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Create a content page',
        description: 'Well-known codes: about, privacy-policy, terms, shipping-returns; any other code is allowed.',
        body: PageInput,
        response: { 201: AdminPage, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createPage(ctx, request.body as PageInput)),
  );

  app.get(
    '/api/admin/pages/:id',
    { preHandler: read, schema: { ...admin, summary: 'Get a content page', params: IdParams, response: { 200: AdminPage, ...errors } } },
    async (request) => {
      const { id } = request.params as { id: number };
      const page = await getPageForAdmin(ctx, id);
      if (!page) throw notFound('Page', { id });
      return page;
    },
  );

  app.patch(
    '/api/admin/pages/:id',
    {
      preHandler: write,
      schema: { ...admin, summary: 'Change a content page', params: IdParams, body: PagePatch, response: { 200: AdminPage, ...errors } },
    },
    async (request) => updatePage(ctx, (request.params as { id: number }).id, request.body as PagePatch),
  );

  app.delete(
    '/api/admin/pages/:id',
    { preHandler: write, schema: { ...admin, summary: 'Delete a content page', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deletePage(ctx, (request.params as { id: number }).id);
      return reply.status(204).send();
    },
  );
}

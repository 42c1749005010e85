// Back-office pages for news articles: list, create, edit per locale, publish/unpublish, delete with confirmation.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import {
  adminPage,
  Csrf,
  ErrorSummary,
  FormBodySchema,
  formatDate,
  formValue,
  noticeFrom,
  Pager,
  redirectAfterPost,
  renderAdminPage,
  renderNotFoundPage,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormBody,
} from '../../admin/index.ts';
import { createArticle, deleteArticle, getArticleForAdmin, listArticlesForAdmin, updateArticle } from '../articles.service.ts';
import type { AdminArticle, ArticleInput, ArticlePatch } from '../content.schemas.ts';
import { formErrorOf, fromDateTimeLocal, isBlank, readTranslations, toDateTimeLocal, toTranslationInput, type LocaleValues } from './form-helpers.ts';

const FIELDS = ['title', 'slug', 'excerpt', 'body', 'seo_title', 'seo_description'] as const;
const NULLABLE = ['seo_title', 'seo_description'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.Union([Type.Literal(''), Type.Literal('draft'), Type.Literal('published')])),
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  notice: Type.Optional(Type.String({ maxLength: 50 })),
});

interface ArticleFormValues {
  author: string;
  status: string;
  published_at: string;
  image_key: string;
  translations: LocaleValues;
}

function valuesFromArticle(article: AdminArticle | null): ArticleFormValues {
  const translations: LocaleValues = {};
  for (const locale of SUPPORTED_LOCALES) {
    const t = article?.translations[locale];
    translations[locale] = {
      title: t?.title ?? '',
      slug: t?.slug ?? '',
      excerpt: t?.excerpt ?? '',
      body: t?.body ?? '',
      seo_title: t?.seo_title ?? '',
      seo_description: t?.seo_description ?? '',
    };
  }
  return {
    author: article?.author ?? '',
    status: article?.status ?? 'draft',
    published_at: toDateTimeLocal(article?.published_at),
    image_key: article?.image_key ?? '',
    translations,
  };
}

function valuesFromBody(body: FormBody): ArticleFormValues {
  return {
    author: formValue(body, 'author'),
    status: formValue(body, 'status'),
    published_at: formValue(body, 'published_at'),
    image_key: formValue(body, 'image_key'),
    translations: readTranslations(body, FIELDS),
  };
}

/** The service input of a submitted form. Blank non-default locales are left out, or removed when they existed. */
function inputFrom(values: ArticleFormValues, defaultLocale: string, existing: AdminArticle | null) {
  const translations: Record<string, Record<string, string | null> | null> = {};
  for (const locale of SUPPORTED_LOCALES) {
    const t = values.translations[locale];
    if (locale !== defaultLocale && isBlank(t)) {
      if (existing?.translations[locale]) translations[locale] = null;
      continue;
    }
    translations[locale] = toTranslationInput(t, NULLABLE);
  }
  const input: Record<string, unknown> = {
    author: values.author.trim(),
    status: values.status,
    published_at: fromDateTimeLocal(values.published_at),
    image_key: values.image_key.trim() || null,
    translations,
  };
  return input;
}

function ArticleForm({ values, errors, csrf, action, defaultLocale }: { values: ArticleFormValues; errors: FieldErrors; csrf: string; action: string; defaultLocale: string }) {
  return (
    <form method="post" action={action} novalidate>
      <Csrf token={csrf} />
      <ErrorSummary errors={errors} />
      <fieldset>
        <legend>Article</legend>
        <div class="grid2">
          <TextField label="Author" name="author" value={values.author} required maxLength={100} errors={errors} />
          <Select
            label="Status"
            name="status"
            value={values.status}
            options={[
              { value: 'draft', label: 'Draft' },
              { value: 'published', label: 'Published' },
            ]}
            errors={errors}
          />
          <TextField
            label="Publication date (UTC)"
            name="published_at"
            type="datetime-local"
            value={values.published_at}
            hint="Empty: now, when published. A future date schedules the article."
            errors={errors}
          />
          <TextField label="Image key" name="image_key" value={values.image_key} maxLength={300} hint="Storage key of the cover image (optional)." errors={errors} />
        </div>
      </fieldset>
      {SUPPORTED_LOCALES.map((locale) => {
        const t = values.translations[locale];
        const p = `translations.${locale}`;
        const isDefault = locale === defaultLocale;
        const hasError = Object.keys(errors).some((k) => k.startsWith(p + '.') || k === p);
        return (
          <details class="locale" open={isDefault || hasError || !!t.title}>
            <summary>
              {locale.toUpperCase()} {isDefault ? '(default, required)' : t.title ? '' : '(not translated)'}
            </summary>
            <div>
              {(errors[p] ?? null) && <p class="field-error">{errors[p]}</p>}
              <TextField label="Title" name={`${p}.title`} value={t.title} required={isDefault} maxLength={200} errors={errors} />
              <TextField label="Slug" name={`${p}.slug`} value={t.slug} maxLength={200} hint="Lowercase words joined by hyphens. Empty: made from the title." errors={errors} />
              <TextArea label="Excerpt" name={`${p}.excerpt`} value={t.excerpt} rows={2} maxLength={1000} hint="Empty: the start of the text." errors={errors} />
              <TextArea
                label="Text"
                name={`${p}.body`}
                value={t.body}
                rows={12}
                hint="HTML: <p>, <h2>–<h4>, <ul>/<ol>/<li>, <strong>, <em>, <a href>, <br>, <blockquote>. Anything else is removed."
                errors={errors}
              />
              <div class="grid2">
                <TextField label="SEO title" name={`${p}.seo_title`} value={t.seo_title} maxLength={200} errors={errors} />
                <TextField label="SEO description" name={`${p}.seo_description`} value={t.seo_description} maxLength={500} errors={errors} />
              </div>
              {!isDefault && <p class="hint">Leave every field of this language empty to fall back to {defaultLocale.toUpperCase()}.</p>}
            </div>
          </details>
        );
      })}
      <div class="actions">
        <button type="submit">Save</button>
        <a href="/admin/news">Cancel</a>
      </div>
    </form>
  );
}

export function registerNewsPages(app: App, ctx: AppContext): void {
  const defaultLocale = ctx.config.defaultLocale;

  app.get('/admin/news', adminPage(ctx, 'catalog:read', { querystring: ListQuery }), async (request, reply) => {
    const query = request.query as { q?: string; status?: '' | 'draft' | 'published'; page: number };
    const perPage = 25;
    const { items, total } = await listArticlesForAdmin(ctx, { q: query.q, status: query.status || undefined, page: query.page, per_page: perPage });
    return renderAdminPage(ctx, request, reply, { title: 'News', active: 'news', notice: noticeFrom(request.query) }, (
      <>
        <h1>News</h1>
        <p>
          <a class="button" href="/admin/news/new">
            New article
          </a>
        </p>
        <form method="get" action="/admin/news" class="filters" role="search">
          <TextField label="Search titles" name="q" type="search" value={query.q} maxLength={200} />
          <Select
            label="Status"
            name="status"
            value={query.status ?? ''}
            options={[
              { value: '', label: 'All' },
              { value: 'draft', label: 'Draft' },
              { value: 'published', label: 'Published' },
            ]}
          />
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        {items.length === 0 ? (
          <p>No articles match.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="skip">Articles</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Published</th>
                  <th scope="col">Author</th>
                  <th scope="col">Languages</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr>
                    <td>
                      <a href={`/admin/news/${a.id}`}>{a.title || `Article ${a.id}`}</a>
                    </td>
                    <td>
                      <span class={`badge ${a.status}`}>{a.status}</span>
                    </td>
                    <td>{formatDate(a.published_at)}</td>
                    <td>{a.author}</td>
                    <td>{a.locales.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={query.page} perPage={perPage} total={total} base="/admin/news" query={{ q: query.q, status: query.status }} />
      </>
    ));
  });

  const showForm = (request: FastifyRequest, reply: FastifyReply, opts: { article: AdminArticle | null; values: ArticleFormValues; errors: FieldErrors; status: number }) => {
    const { article } = opts;
    const title = article ? `Edit: ${article.translations[defaultLocale]?.title ?? `article ${article.id}`}` : 'New article';
    return renderAdminPage(ctx, request, reply, { title, active: 'news', status: opts.status, notice: noticeFrom(request.query) }, (
      <>
        <h1>{title}</h1>
        {article && (
          <div class="actions">
            <span class={`badge ${article.status}`}>{article.status}</span>
            <form method="post" action={`/admin/news/${article.id}/${article.status === 'published' ? 'unpublish' : 'publish'}`}>
              <Csrf token={request.admin!.csrf} />
              <button type="submit" class="secondary">
                {article.status === 'published' ? 'Unpublish' : 'Publish now'}
              </button>
            </form>
            <a href={`/admin/news/${article.id}/delete`}>Delete…</a>
          </div>
        )}
        <ArticleForm values={opts.values} errors={opts.errors} csrf={request.admin!.csrf} action={article ? `/admin/news/${article.id}` : '/admin/news'} defaultLocale={defaultLocale} />
      </>
    ));
  };

  app.get('/admin/news/new', adminPage(ctx, 'content:write'), async (request, reply) =>
    showForm(request, reply, { article: null, values: valuesFromArticle(null), errors: {}, status: 200 }),
  );

  app.post('/admin/news', adminPage(ctx, 'content:write', { body: FormBodySchema }), async (request, reply) => {
    const values = valuesFromBody(request.body as FormBody);
    try {
      const article = await createArticle(ctx, inputFrom(values, defaultLocale, null) as ArticleInput);
      return redirectAfterPost(reply, `/admin/news/${article.id}`, 'created');
    } catch (err) {
      const { status, errors } = formErrorOf(err);
      return showForm(request, reply, { article: null, values, errors, status });
    }
  });

  app.get('/admin/news/:id', adminPage(ctx, 'content:write', { params: IdParams }), async (request, reply) => {
    const article = await getArticleForAdmin(ctx, (request.params as { id: number }).id);
    if (!article) return renderNotFoundPage(ctx, request, reply, 'Article');
    return showForm(request, reply, { article, values: valuesFromArticle(article), errors: {}, status: 200 });
  });

  app.post('/admin/news/:id', adminPage(ctx, 'content:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const article = await getArticleForAdmin(ctx, (request.params as { id: number }).id);
    if (!article) return renderNotFoundPage(ctx, request, reply, 'Article');
    const values = valuesFromBody(request.body as FormBody);
    try {
      await updateArticle(ctx, article.id, inputFrom(values, defaultLocale, article) as ArticlePatch);
      return redirectAfterPost(reply, `/admin/news/${article.id}`, 'saved');
    } catch (err) {
      const { status, errors } = formErrorOf(err);
      return showForm(request, reply, { article, values, errors, status });
    }
  });

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    app.post(`/admin/news/:id/${action}`, adminPage(ctx, 'content:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
      const id = (request.params as { id: number }).id;
      if (!(await getArticleForAdmin(ctx, id))) return renderNotFoundPage(ctx, request, reply, 'Article');
      await updateArticle(ctx, id, { status });
      return redirectAfterPost(reply, `/admin/news/${id}`, action === 'publish' ? 'published' : 'unpublished');
    });
  }

  app.get('/admin/news/:id/delete', adminPage(ctx, 'content:write', { params: IdParams }), async (request, reply) => {
    const article = await getArticleForAdmin(ctx, (request.params as { id: number }).id);
    if (!article) return renderNotFoundPage(ctx, request, reply, 'Article');
    const title = article.translations[defaultLocale]?.title ?? `Article ${article.id}`;
    return renderAdminPage(ctx, request, reply, { title: 'Delete article', active: 'news' }, (
      <section class="narrow">
        <h1>Delete “{title}”?</h1>
        <p>The article and all its translations are removed. This cannot be undone.</p>
        <form method="post" action={`/admin/news/${article.id}/delete`} class="actions">
          <Csrf token={request.admin!.csrf} />
          <button type="submit" class="danger">
            Delete
          </button>
          <a href={`/admin/news/${article.id}`}>Cancel</a>
        </form>
      </section>
    ));
  });

  app.post('/admin/news/:id/delete', adminPage(ctx, 'content:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const id = (request.params as { id: number }).id;
    if (!(await getArticleForAdmin(ctx, id))) return renderNotFoundPage(ctx, request, reply, 'Article');
    await deleteArticle(ctx, id);
    return redirectAfterPost(reply, '/admin/news', 'deleted');
  });
}

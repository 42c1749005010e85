// Back-office pages for content pages (about, privacy policy, terms, shipping and returns, any other code).
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
  redirectAfterPost,
  renderAdminPage,
  renderNotFoundPage,
  TextArea,
  TextField,
  type FieldErrors,
  type FormBody,
} from '../../admin/index.ts';
import { WELL_KNOWN_PAGES, type AdminPage, type PageInput, type PagePatch } from '../content.schemas.ts';
import { createPage, deletePage, getPageForAdmin, listPagesForAdmin, updatePage } from '../pages.service.ts';
import { formErrorOf, isBlank, readTranslations, toTranslationInput, type LocaleValues } from './form-helpers.ts';

const FIELDS = ['title', 'slug', 'body', 'seo_title', 'seo_description'] as const;
const NULLABLE = ['seo_title', 'seo_description'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const PageQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 50 })), code: Type.Optional(Type.String({ maxLength: 64 })) });

interface PageFormValues {
  code: string;
  translations: LocaleValues;
}

function valuesFromPage(page: AdminPage | null, code = ''): PageFormValues {
  const translations: LocaleValues = {};
  for (const locale of SUPPORTED_LOCALES) {
    const t = page?.translations[locale];
    translations[locale] = { title: t?.title ?? '', slug: t?.slug ?? '', body: t?.body ?? '', seo_title: t?.seo_title ?? '', seo_description: t?.seo_description ?? '' };
  }
  return { code: page?.code ?? code, translations };
}

const valuesFromBody = (body: FormBody): PageFormValues => ({ code: formValue(body, 'code').trim(), translations: readTranslations(body, FIELDS) });

function inputFrom(values: PageFormValues, defaultLocale: string, existing: AdminPage | null) {
  const translations: Record<string, Record<string, string | null> | null> = {};
  for (const locale of SUPPORTED_LOCALES) {
    const t = values.translations[locale];
    if (locale !== defaultLocale && isBlank(t)) {
      if (existing?.translations[locale]) translations[locale] = null;
      continue;
    }
    translations[locale] = toTranslationInput(t, NULLABLE);
  }
  return { code: values.code, translations };
}

function PageForm({ values, errors, csrf, action, defaultLocale }: { values: PageFormValues; errors: FieldErrors; csrf: string; action: string; defaultLocale: string }) {
  return (
    <form method="post" action={action} novalidate>
      <Csrf token={csrf} />
      <ErrorSummary errors={errors} />
      <fieldset>
        <legend>Page</legend>
        <TextField
          label="Code"
          name="code"
          value={values.code}
          required
          maxLength={64}
          hint={`How the storefront finds the page: ${WELL_KNOWN_PAGES.join(', ')}, or any other code (lowercase letters, digits, - and _).`}
          errors={errors}
        />
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
              {errors[p] && <p class="field-error">{errors[p]}</p>}
              <TextField label="Title" name={`${p}.title`} value={t.title} required={isDefault} maxLength={200} errors={errors} />
              <TextField label="Slug" name={`${p}.slug`} value={t.slug} maxLength={200} hint="Empty: made from the title." errors={errors} />
              <TextArea label="Text" name={`${p}.body`} value={t.body} rows={14} hint="HTML subset: <p>, <h2>–<h4>, lists, <strong>, <em>, <a href>, <br>, <blockquote>." errors={errors} />
              <div class="grid2">
                <TextField label="SEO title" name={`${p}.seo_title`} value={t.seo_title} maxLength={200} errors={errors} />
                <TextField label="SEO description" name={`${p}.seo_description`} value={t.seo_description} maxLength={500} errors={errors} />
              </div>
            </div>
          </details>
        );
      })}
      <div class="actions">
        <button type="submit">Save</button>
        <a href="/admin/pages">Cancel</a>
      </div>
    </form>
  );
}

export function registerContentPages(app: App, ctx: AppContext): void {
  const defaultLocale = ctx.config.defaultLocale;

  app.get('/admin/pages', adminPage(ctx, 'catalog:read', { querystring: PageQuery }), async (request, reply) => {
    const pages = await listPagesForAdmin(ctx);
    const missing = WELL_KNOWN_PAGES.filter((code) => !pages.some((p) => p.code === code));
    return renderAdminPage(ctx, request, reply, { title: 'Pages', active: 'pages', notice: noticeFrom(request.query) }, (
      <>
        <h1>Pages</h1>
        <p>
          <a class="button" href="/admin/pages/new">
            New page
          </a>
        </p>
        {missing.length > 0 && (
          <p>
            Not written yet:{' '}
            {missing.map((code, i) => (
              <>
                {i > 0 && ', '}
                <a href={`/admin/pages/new?code=${code}`}>{code}</a>
              </>
            ))}
          </p>
        )}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Code</th>
                <th scope="col">Languages</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr>
                  <td>
                    <a href={`/admin/pages/${p.id}`}>{p.title || p.code}</a>
                  </td>
                  <td>
                    <code>{p.code}</code>
                  </td>
                  <td>{p.locales.join(', ')}</td>
                  <td>{formatDate(p.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    ));
  });

  const showForm = (request: FastifyRequest, reply: FastifyReply, opts: { page: AdminPage | null; values: PageFormValues; errors: FieldErrors; status: number }) => {
    const { page } = opts;
    const title = page ? `Edit page: ${page.code}` : 'New page';
    return renderAdminPage(ctx, request, reply, { title, active: 'pages', status: opts.status, notice: noticeFrom(request.query) }, (
      <>
        <h1>{title}</h1>
        {page && (
          <p class="actions">
            <a href={`/admin/pages/${page.id}/delete`}>Delete…</a>
          </p>
        )}
        <PageForm values={opts.values} errors={opts.errors} csrf={request.admin!.csrf} action={page ? `/admin/pages/${page.id}` : '/admin/pages'} defaultLocale={defaultLocale} />
      </>
    ));
  };

  app.get('/admin/pages/new', adminPage(ctx, 'content:write', { querystring: PageQuery }), async (request, reply) => {
    const code = (request.query as { code?: string }).code ?? '';
    return showForm(request, reply, { page: null, values: valuesFromPage(null, code), errors: {}, status: 200 });
  });

  app.post('/admin/pages', adminPage(ctx, 'content:write', { body: FormBodySchema }), async (request, reply) => {
    const values = valuesFromBody(request.body as FormBody);
    try {
      const page = await createPage(ctx, inputFrom(values, defaultLocale, null) as PageInput);
      return redirectAfterPost(reply, `/admin/pages/${page.id}`, 'created');
    } catch (err) {
      const { status, errors } = formErrorOf(err);
      return showForm(request, reply, { page: null, values, errors, status });
    }
  });

  app.get('/admin/pages/:id', adminPage(ctx, 'content:write', { params: IdParams, querystring: PageQuery }), async (request, reply) => {
    const page = await getPageForAdmin(ctx, (request.params as { id: number }).id);
    if (!page) return renderNotFoundPage(ctx, request, reply, 'Page');
    return showForm(request, reply, { page, values: valuesFromPage(page), errors: {}, status: 200 });
  });

  app.post('/admin/pages/:id', adminPage(ctx, 'content:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const page = await getPageForAdmin(ctx, (request.params as { id: number }).id);
    if (!page) return renderNotFoundPage(ctx, request, reply, 'Page');
    const values = valuesFromBody(request.body as FormBody);
    try {
      await updatePage(ctx, page.id, inputFrom(values, defaultLocale, page) as PagePatch);
      return redirectAfterPost(reply, `/admin/pages/${page.id}`, 'saved');
    } catch (err) {
      const { status, errors } = formErrorOf(err);
      return showForm(request, reply, { page, values, errors, status });
    }
  });

  app.get('/admin/pages/:id/delete', adminPage(ctx, 'content:write', { params: IdParams }), async (request, reply) => {
    const page = await getPageForAdmin(ctx, (request.params as { id: number }).id);
    if (!page) return renderNotFoundPage(ctx, request, reply, 'Page');
    return renderAdminPage(ctx, request, reply, { title: 'Delete page', active: 'pages' }, (
      <section class="narrow">
        <h1>Delete the page “{page.code}”?</h1>
        <p>The page and all its translations are removed; storefront links to it stop working. This cannot be undone.</p>
        <form method="post" action={`/admin/pages/${page.id}/delete`} class="actions">
          <Csrf token={request.admin!.csrf} />
          <button type="submit" class="danger">
            Delete
          </button>
          <a href={`/admin/pages/${page.id}`}>Cancel</a>
        </form>
      </section>
    ));
  });

  app.post('/admin/pages/:id/delete', adminPage(ctx, 'content:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const id = (request.params as { id: number }).id;
    if (!(await getPageForAdmin(ctx, id))) return renderNotFoundPage(ctx, request, reply, 'Page');
    await deletePage(ctx, id);
    return redirectAfterPost(reply, '/admin/pages', 'deleted');
  });
}

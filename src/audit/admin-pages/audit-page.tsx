// The back-office page of the audit log: a search form (actor, action, target, dates, status), the results newest
// first with their changes folded in <details>, paging, and a CSV export of the same search. Works without JavaScript.
import { Type } from 'typebox';
import { adminPage, ErrorSummary, formatDate, Pager, renderAdminPage, type FieldErrors } from '../../admin/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { auditCsvStream } from '../audit-csv.ts';
import { searchAudit, STATUS_FILTER_PATTERN, type AuditFilters, type AuditRecord } from '../audit.service.ts';

const PER_PAGE = 50;
const FIELDS = ['actor', 'action', 'target', 'status', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];

// The query arrives as text and is checked here, so a mistake is shown next to its field instead of a JSON error.
const PageQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 400 })),
  action: Type.Optional(Type.String({ maxLength: 400 })),
  target: Type.Optional(Type.String({ maxLength: 400 })),
  status: Type.Optional(Type.String({ maxLength: 400 })),
  from: Type.Optional(Type.String({ maxLength: 400 })),
  to: Type.Optional(Type.String({ maxLength: 400 })),
  page: Type.Optional(Type.String({ maxLength: 400 })),
}, { additionalProperties: false });
type RawQuery = Partial<Record<Field | 'page', string>>;

const isDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v); // 2026-02-30 rolls over to March: refused
};

/** The filters of a submitted search, or the problems with it (field → message). */
export function readFilters(raw: RawQuery): { filters: Omit<AuditFilters, 'per_page'>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (name: Field) => raw[name]?.trim() || undefined;
  const filters: Omit<AuditFilters, 'per_page'> = { page: 1 };
  for (const name of ['actor', 'action', 'target'] as const) {
    const v = text(name);
    if (v && v.length > 200) errors[name] = 'must be at most 200 characters';
    else if (v) filters[name] = v;
  }
  const status = text('status');
  if (status && !new RegExp(STATUS_FILTER_PATTERN).test(status)) errors.status = 'must be a status like 403, a class like 4xx, or ok';
  else if (status) filters.status = status;
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v && !isDate(v)) errors[name] = 'must be a date (YYYY-MM-DD)';
    else if (v) filters[name] = v;
  }
  if (filters.from && filters.to && filters.from > filters.to) errors.from = 'must be on or before the "to" date';
  const page = raw.page?.trim();
  // No field of the form holds the page, so its problem is shown without a link (the empty name).
  if (page && !/^\d{1,5}$/.test(page)) errors[''] = 'The page must be a whole number';
  else if (page) filters.page = Math.min(10_000, Math.max(1, Number(page)));
  return { filters, errors };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function Entry({ r }: { r: AuditRecord }) {
  const who = r.actor_kind === 'anonymous' ? 'anonymous' : `${r.actor_name ?? r.actor_kind}${r.actor_role ? ` (${r.actor_role})` : ''}`;
  const refused = /^[45]/.test(r.status);
  return (
    <tr>
      <td>{formatDate(r.at)}</td>
      <td>
        {who}
        <br />
        <small>
          {r.actor_kind}
          {r.actor_id !== null ? `:${r.actor_id}` : ''}
        </small>
      </td>
      <td>
        <code>{r.action}</code>
      </td>
      <td>{r.target_type ? `${r.target_type}${r.target_id !== null ? ` ${r.target_id}` : ''}` : '—'}</td>
      <td>{refused ? <strong>{r.status}</strong> : r.status}</td>
      <td>{r.ip ?? '—'}</td>
      <td>
        <details>
          <summary>Details</summary>
          {r.before !== null ? <><p><strong>Before</strong></p><pre>{json(r.before)}</pre></> : null}
          {r.after !== null ? <><p><strong>After</strong></p><pre>{json(r.after)}</pre></> : null}
          <p><strong>Request</strong></p>
          <pre>{json(r.details)}</pre>
          {r.user_agent ? <p><small>{r.user_agent}</small></p> : null}
        </details>
      </td>
    </tr>
  );
}

function FilterField({ name, label, value, error, type = 'text', hint }: { name: Field; label: string; value?: string; error?: string; type?: string; hint?: string }) {
  const id = `f-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      <input id={id} name={name} type={type} value={value ?? ''} maxLength={200} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      {hint ? <small class="hint" id={`${id}-hint`}>{hint}</small> : null}
      {error ? <span class="field-error" id={`${id}-error`}>{error}</span> : null}
    </div>
  );
}

export function registerAuditPages(app: App, ctx: AppContext): void {
  app.get('/admin/audit', adminPage(ctx, 'audit:read', { querystring: PageQuery }), async (request, reply) => {
    const raw = request.query as RawQuery;
    const { filters, errors } = readFilters(raw);
    const failed = Object.keys(errors).length > 0;
    const result = failed ? { items: [], total: 0, page: 1, per_page: PER_PAGE } : await searchAudit(ctx, { ...filters, per_page: PER_PAGE });
    const query: Record<string, string | undefined> = {};
    for (const name of FIELDS) query[name] = raw[name]?.trim() || undefined;
    const exportParams = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
    const exportHref = `/admin/audit/export.csv${exportParams.size ? `?${exportParams}` : ''}`;
    return renderAdminPage(ctx, request, reply, { title: 'Audit log', active: 'audit', status: failed ? 400 : 200 }, (
      <>
        <h1>Audit log</h1>
        <p>Every change made in the back office or through the admin API, refused attempts included. Entries are never changed or removed.</p>
        <ErrorSummary errors={errors} />
        <form method="get" action="/admin/audit" class="filters" role="search" aria-label="Search the audit log">
          <FilterField name="actor" label="Who" value={raw.actor} error={errors.actor} hint="A name, or api_key, staff, api_key:3" />
          <FilterField name="action" label="Action" value={raw.action} error={errors.action} hint="e.g. products, DELETE" />
          <FilterField name="target" label="Target" value={raw.target} error={errors.target} hint="e.g. orders:12 or a SKU" />
          <FilterField name="status" label="Status" value={raw.status} error={errors.status} hint="403, 4xx or ok" />
          <FilterField name="from" label="From" type="date" value={raw.from} error={errors.from} />
          <FilterField name="to" label="To" type="date" value={raw.to} error={errors.to} />
          <button type="submit">Search</button>
        </form>
        <p>
          {result.total} entr{result.total === 1 ? 'y' : 'ies'} · <a href={exportHref} download>Export these as CSV</a>
        </p>
        <div class="table-wrap">
          <table data-testid="audit">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">IP</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>{result.items.map((r) => <Entry r={r} />)}</tbody>
          </table>
        </div>
        <Pager page={result.page} perPage={PER_PAGE} total={result.total} base="/admin/audit" query={query} />
      </>
    ));
  });

  app.get('/admin/audit/export.csv', adminPage(ctx, 'audit:read', { querystring: PageQuery }), async (request, reply) => {
    const { filters, errors } = readFilters(request.query as RawQuery);
    if (Object.keys(errors).length > 0) {
      return reply.status(400).type('text/plain; charset=utf-8').send(Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('\n'));
    }
    const { page: _page, ...rest } = filters;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .header('cache-control', 'no-store')
      .send(auditCsvStream(ctx, rest));
  });
}

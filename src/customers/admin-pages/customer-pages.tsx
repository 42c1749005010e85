// Back-office pages for customers: the list with search, a customer (profile, addresses, orders, sessions,
// requests) with the erase form, and the erasure requests customers sent. Every action is a small form post
// (CSRF-checked by the guard); erasing needs customers:write.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { adminPage, CSRF_FIELD, FormBodySchema, formatDate, noticeFrom, Pager, redirectAfterPost, renderAdminPage, renderNotFoundPage } from '../../admin/index.ts';
import { roleCan } from '../../platform/auth/roles.ts';
import { CURRENCIES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCustomerForAdmin, listCustomers, type AdminCustomer } from '../admin.service.ts';
import { carryOutErasureRequest, eraseCustomer, listErasureRequests, type ErasureRequest } from '../erasure.service.ts';
import { staffActor } from '../http/admin.routes.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const money = (amount: number, currency: string) => {
  const digits = (CURRENCIES as Record<string, number>)[currency] ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
};
const canWrite = (request: FastifyRequest) => !!request.admin && roleCan(request.admin.principal.role, 'customers:write');

function CustomerDetail({ c, csrf, writable, error }: { c: AdminCustomer; csrf: string; writable: boolean; error: string | null }) {
  const p = c.profile;
  return (
    <>
      <h1>{c.erased_at ? `Customer #${p.id} (erased)` : p.name || `Customer #${p.id}`}</h1>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <section aria-labelledby="profile">
        <h2 id="profile">Profile</h2>
        <dl data-testid="customer-profile">
          <dt>Email</dt><dd>{p.email} {p.email_verified ? '(verified)' : '(not verified)'}</dd>
          <dt>Phone</dt><dd>{p.phone ?? '—'}</dd>
          <dt>Birthday</dt><dd>{p.birthday ?? '—'}</dd>
          <dt>Language, currency</dt><dd>{p.preferred_locale ?? '—'}, {p.preferred_currency ?? '—'}</dd>
          <dt>Marketing email</dt><dd>{p.marketing_consent ? `yes, since ${formatDate(p.marketing_consent_at)}` : 'no'}</dd>
          <dt>Created</dt><dd>{formatDate(p.created_at)}</dd>
          {c.erased_at ? <><dt>Erased</dt><dd data-testid="erased-at">{formatDate(c.erased_at)}</dd></> : null}
        </dl>
      </section>
      <section aria-labelledby="addresses">
        <h2 id="addresses">Addresses</h2>
        {c.addresses.length === 0 ? <p>None.</p> : (
          <ul>{c.addresses.map((a) => <li>{a.name}, {a.line1}{a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.region} {a.postal_code}, {a.country} · {a.phone}{a.is_default ? ' (default)' : ''}</li>)}</ul>
        )}
      </section>
      <section aria-labelledby="orders">
        <h2 id="orders">Orders ({c.orders.total})</h2>
        {c.orders.items.length === 0 ? <p>None.</p> : (
          <table data-testid="customer-orders">
            <thead><tr><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Items</th><th scope="col">Total</th><th scope="col">Placed</th></tr></thead>
            <tbody>
              {c.orders.items.map((o) => (
                <tr><td><a href={`/admin/orders?q=${encodeURIComponent(o.number)}`}>{o.number}</a></td><td>{o.status.replace('_', ' ')}</td><td>{o.item_count}</td><td>{money(o.total, o.currency)}</td><td>{o.created_at.slice(0, 10)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">Active sessions</h2>
        {c.sessions.length === 0 ? <p>None.</p> : (
          <ul>{c.sessions.map((s) => <li>{formatDate(s.createdAt)} · {s.ip ?? 'unknown address'} · {s.userAgent ?? 'unknown browser'}</li>)}</ul>
        )}
      </section>
      <section aria-labelledby="requests">
        <h2 id="requests">Erasure requests</h2>
        {c.erasure_requests.length === 0 ? <p>None.</p> : (
          <ul>{c.erasure_requests.map((r) => <li>#{r.id} {r.status}, asked {formatDate(r.created_at)}{r.processed_at ? `, done ${formatDate(r.processed_at)} by ${r.processed_by ?? '?'}` : ''}{r.note ? ` — “${r.note}”` : ''}</li>)}</ul>
        )}
      </section>
      {writable && !c.erased_at ? (
        <section aria-labelledby="erase" class="danger-zone">
          <h2 id="erase">Erase this customer</h2>
          <p>Removes the profile, addresses, wishlist and sessions; the orders stay for the accounts but are anonymised. This cannot be undone and is recorded in the audit log.</p>
          <form method="post" action={`/admin/customers/${p.id}/erase`} data-testid="erase-customer">
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <p>
              <input type="checkbox" id="confirm" name="confirm" value="1" required />
              <label for="confirm">I understand this cannot be undone</label>
            </p>
            <button type="submit">Erase customer</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

function RequestsTable({ requests, csrf, writable }: { requests: ErasureRequest[]; csrf: string; writable: boolean }) {
  if (requests.length === 0) return <p>No pending requests.</p>;
  return (
    <table data-testid="erasure-requests">
      <thead><tr><th scope="col">Request</th><th scope="col">Customer</th><th scope="col">Asked</th><th scope="col">Message</th><th scope="col">Action</th></tr></thead>
      <tbody>
        {requests.map((r) => (
          <tr>
            <td>#{r.id}</td>
            <td><a href={`/admin/customers/${r.customer_id}`}>{r.customer.name || `#${r.customer_id}`}</a> &lt;{r.customer.email}&gt;</td>
            <td>{formatDate(r.created_at)}</td>
            <td>{r.note ?? ''}</td>
            <td>
              {writable ? (
                <form method="post" action={`/admin/customers/erasure-requests/${r.id}/complete`}>
                  <input type="hidden" name={CSRF_FIELD} value={csrf} />
                  <button type="submit">Erase now<span class="sr-only"> (request #{r.id})</span></button>
                </form>
              ) : 'Needs customers:write'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerCustomerAdminPages(app: App, ctx: AppContext): void {
  app.get('/admin/customers', adminPage(ctx, 'customers:read', {
    querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
  }), async (request, reply) => {
    const query = request.query as { q?: string; page?: number };
    const [list, pending] = await Promise.all([listCustomers(ctx, { q: query.q, page: query.page ?? 1, per_page: 50 }), listErasureRequests(ctx, 'pending')]);
    return renderAdminPage(ctx, request, reply, { title: 'Customers', active: 'customers', notice: noticeFrom(request.query) }, (
      <>
        <h1>Customers</h1>
        <p><a href="/admin/customers/erasure-requests">Erasure requests ({pending.length} pending)</a></p>
        <form method="get" action="/admin/customers" class="filters" role="search">
          <label for="q">Search</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} placeholder="Email or name" maxLength={200} />
          <button type="submit">Search</button>
        </form>
        <p>{list.total} customer(s)</p>
        <table data-testid="customers">
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Verified</th><th scope="col">Created</th></tr></thead>
          <tbody>
            {list.items.map((c) => (
              <tr>
                <td><a href={`/admin/customers/${c.id}`}>{c.erased ? `#${c.id} (erased)` : c.name}</a></td>
                <td>{c.email}</td>
                <td>{c.email_verified ? 'yes' : 'no'}</td>
                <td>{c.created_at.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={list.page} perPage={list.per_page} total={list.total} base="/admin/customers" query={{ q: query.q }} />
      </>
    ));
  });

  const showRequests = async (request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) => {
    const requests = await listErasureRequests(ctx, 'pending');
    return renderAdminPage(ctx, request, reply, { title: 'Erasure requests', active: 'customers', notice: noticeFrom(request.query), status }, (
      <>
        <h1>Erasure requests</h1>
        {error ? <p class="error" role="alert">{error}</p> : null}
        <p>Customers who asked the shop to erase their account. Erasing removes their personal data and anonymises their orders.</p>
        <RequestsTable requests={requests} csrf={request.admin!.csrf} writable={canWrite(request)} />
        <p><a href="/admin/customers">All customers</a></p>
      </>
    ));
  };

  app.get('/admin/customers/erasure-requests', adminPage(ctx, 'customers:read'), (request, reply) => showRequests(request, reply));

  app.post('/admin/customers/erasure-requests/:id/complete', adminPage(ctx, 'customers:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    try {
      await carryOutErasureRequest(ctx, (request.params as { id: number }).id, staffActor(request));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return showRequests(request, reply, err.message, err.status);
    }
    return redirectAfterPost(reply, '/admin/customers/erasure-requests', 'deleted');
  });

  const showCustomer = async (request: FastifyRequest, reply: FastifyReply, id: number, error: string | null = null, status = 200) => {
    const customer = await getCustomerForAdmin(ctx, id);
    if (!customer) return renderNotFoundPage(ctx, request, reply, 'Customer');
    return renderAdminPage(ctx, request, reply, { title: `Customer #${id}`, active: 'customers', notice: noticeFrom(request.query), status },
      <CustomerDetail c={customer} csrf={request.admin!.csrf} writable={canWrite(request)} error={error} />);
  };

  app.get('/admin/customers/:id', adminPage(ctx, 'customers:read', { params: IdParams }), (request, reply) => showCustomer(request, reply, (request.params as { id: number }).id));

  app.post('/admin/customers/:id/erase', adminPage(ctx, 'customers:write', { params: IdParams, body: FormBodySchema }), async (request, reply) => {
    const id = (request.params as { id: number }).id;
    if ((request.body as Record<string, unknown>).confirm !== '1') return showCustomer(request, reply, id, 'Tick the box to confirm the erasure.', 400);
    try {
      await eraseCustomer(ctx, id, staffActor(request));
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.status === 404) return renderNotFoundPage(ctx, request, reply, 'Customer');
      return showCustomer(request, reply, id, err.message, err.status);
    }
    return redirectAfterPost(reply, `/admin/customers/${id}`, 'deleted');
  });
}

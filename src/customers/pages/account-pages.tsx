// The signed-in customer's pages: profile, order history and one order, signed-in devices, privacy.
import { CURRENCIES, SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { CustomerOrderSummary, CustomerOrderView } from '../../orders/index.ts';
import { formatDate, formatPrice, LANGUAGE_NAMES, type MessageKey, type PageContext } from '../../storefront/index.ts';
import type { Profile } from '../customers.schemas.ts';
import type { SessionView } from '../session-view.ts';
import { AccountPage, Checkbox, ErrorSummary, Input, PostForm, Select, type FieldErrors } from './components.tsx';

export type ProfileValues = { name: string; phone: string; birthday: string; preferred_locale: string; preferred_currency: string; marketing_consent: boolean };

export function profilePage(page: PageContext, profile: Profile, values: ProfileValues, errors: FieldErrors, notice: string | null) {
  const { t } = page;
  const labels = { name: t('full_name'), phone: t('phone'), birthday: t('birthday'), preferred_locale: t('preferred_language'), preferred_currency: t('preferred_currency') };
  return (
    <AccountPage page={page} current="profile" title={t('account_title')} notice={notice}>
      {!profile.email_verified ? (
        <div class="notice" data-testid="unverified">
          <p>{t('email_not_verified')}</p>
          <PostForm page={page} action="/account/verification" class="inline">
            <button type="submit" class="link">{t('resend_verification')}</button>
          </PostForm>
        </div>
      ) : null}
      <h2>{t('profile')}</h2>
      <p>{t('email')}: <strong data-testid="account-email">{profile.email}</strong></p>
      <ErrorSummary page={page} errors={errors} labels={labels} />
      <PostForm page={page} action="/account" testid="profile-form">
        <Input name="name" label={labels.name} value={values.name} errors={errors} autocomplete="name" required maxLength={120} />
        <Input name="phone" label={`${labels.phone} (${t('optional')})`} value={values.phone} errors={errors} type="tel" autocomplete="tel" maxLength={32} />
        <Input name="birthday" label={`${labels.birthday} (${t('optional')})`} value={values.birthday} errors={errors} type="date" autocomplete="bday" maxLength={10} />
        <Select name="preferred_locale" label={labels.preferred_locale} value={values.preferred_locale} errors={errors}
          options={[{ value: '', label: t('no_preference') }, ...SUPPORTED_LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))]} />
        <Select name="preferred_currency" label={labels.preferred_currency} value={values.preferred_currency} errors={errors}
          options={[{ value: '', label: t('no_preference') }, ...Object.keys(CURRENCIES).map((c) => ({ value: c, label: c }))]} />
        <Checkbox name="marketing_consent" label={t('marketing_consent')} checked={values.marketing_consent}
          hint={profile.marketing_consent && profile.marketing_consent_at ? t('marketing_consent_since', { date: formatDate(profile.marketing_consent_at, page.locale) }) : undefined} />
        <p><button type="submit">{t('save')}</button></p>
      </PostForm>
    </AccountPage>
  );
}

export const statusLabel = (page: PageContext, status: string) => page.t(`status_${status}` as MessageKey);

export function ordersPage(page: PageContext, orders: CustomerOrderSummary[], verified: boolean) {
  const { t, locale } = page;
  return (
    <AccountPage page={page} current="orders" title={t('order_history')}>
      {!verified ? <p class="small">{t('email_not_verified')}</p> : null}
      {orders.length === 0 ? <p>{t('no_orders')}</p> : (
        <table class="account-table" data-testid="order-history">
          <caption class="sr-only">{t('order_history')}</caption>
          <thead>
            <tr><th scope="col">{t('order_number')}</th><th scope="col">{t('order_date')}</th><th scope="col">{t('order_status')}</th><th scope="col">{t('order_items')}</th><th scope="col">{t('total')}</th></tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr data-testid="order-row" data-number={o.number}>
                <th scope="row"><a href={page.href(`/account/orders/${o.number}`)}>{o.number}</a></th>
                <td>{formatDate(o.created_at, locale)}</td>
                <td>{statusLabel(page, o.status)}</td>
                <td>{o.item_count}</td>
                <td>{formatPrice(o.total, o.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AccountPage>
  );
}

export function orderPage(page: PageContext, order: CustomerOrderView) {
  const { t, locale } = page;
  const money = (amount: number) => formatPrice(amount, order.currency, locale);
  const a = order.shipping_address;
  return (
    <AccountPage page={page} current="orders" title={t('order_title', { number: order.number })}>
      <p>{t('order_status')}: <strong data-testid="order-status">{statusLabel(page, order.status)}</strong> · {formatDate(order.created_at, locale)}</p>
      <h2>{t('tracking')}</h2>
      {order.tracking.length === 0 ? <p>{t('not_shipped')}</p> : (
        <ul data-testid="tracking">
          {order.tracking.map((s) => (
            <li>
              {t('tracking_line', { carrier: s.carrier, number: s.tracking_number })}
              {s.tracking_url ? <> · <a href={s.tracking_url} rel="noopener noreferrer">{t('track_parcel')}</a></> : null}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('order_items')}</h2>
      <table class="account-table">
        <caption class="sr-only">{t('order_items')}</caption>
        <thead><tr><th scope="col">{t('product')}</th><th scope="col">{t('quantity')}</th><th scope="col">{t('total')}</th></tr></thead>
        <tbody>
          {order.lines.map((l) => <tr><th scope="row">{l.name}{l.options ? ` (${l.options})` : ''}</th><td>{l.quantity}</td><td>{money(l.line_total)}</td></tr>)}
        </tbody>
      </table>
      <dl class="totals">
        <dt>{t('subtotal')}</dt><dd>{money(order.totals.subtotal)}</dd>
        <dt>{t('shipping')}</dt><dd>{money(order.totals.shipping)}</dd>
        <dt>{t('total')}</dt><dd data-testid="order-total">{money(order.totals.total)}</dd>
      </dl>
      <h2>{t('ship_to')}</h2>
      <p>{a.name}<br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />{a.city}, {a.region} {a.postal_code}, {a.country}<br />{a.phone}</p>
      <h2>{t('timeline')}</h2>
      <ol>
        {order.timeline.filter((e) => e.to_status).map((e) => <li>{formatDate(e.created_at, locale)}: {statusLabel(page, e.to_status!)}</li>)}
      </ol>
      <p><a href={page.href('/account/orders')}>{t('back')}</a></p>
    </AccountPage>
  );
}

export function sessionsPage(page: PageContext, sessions: SessionView[], notice: string | null) {
  const { t, locale } = page;
  return (
    <AccountPage page={page} current="sessions" title={t('sessions')} notice={notice}>
      <p class="lead">{t('sessions_intro')}</p>
      <ul class="sessions" data-testid="sessions">
        {sessions.map((s) => (
          <li data-testid="session" data-current={s.current ? 'true' : 'false'}>
            <strong>{s.user_agent || t('unknown_device')}</strong>
            {s.current ? <> <span class="badge">{t('this_device')}</span></> : null}
            <br />
            <span class="small">{t('signed_in_at', { date: formatDate(s.created_at, locale) })}{s.last_seen_at ? ` · ${t('last_seen', { date: formatDate(s.last_seen_at, locale) })}` : ''}{s.ip ? ` · ${s.ip}` : ''}</span>
            <PostForm page={page} action={`/account/sessions/${encodeURIComponent(s.id)}/revoke`} class="inline">
              <button type="submit" class="link">{t('sign_out_device')}</button>
            </PostForm>
          </li>
        ))}
      </ul>
    </AccountPage>
  );
}

export function privacyPage(page: PageContext, opts: { errors: FieldErrors; notice: string | null; pendingSince: string | null }) {
  const { t, locale } = page;
  return (
    <AccountPage page={page} current="privacy" title={t('privacy_title')} notice={opts.notice}>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('export_title')}</h2>
        <p>{t('export_text')}</p>
        <p><a class="button" href={page.href('/account/privacy/export')} download="my-data.json" data-testid="export-link">{t('export_button')}</a></p>
      </section>
      <section aria-labelledby="erase-title" class="danger-zone">
        <h2 id="erase-title">{t('erase_title')}</h2>
        <p>{t('erase_text')}</p>
        <p><strong>{t('erase_orders_note')}</strong></p>
        <ErrorSummary page={page} errors={opts.errors} labels={{ password: t('confirm_password') }} />
        <PostForm page={page} action="/account/privacy/erase" testid="erase-form">
          <Input name="password" label={t('confirm_password')} errors={opts.errors} type="password" autocomplete="current-password" required maxLength={256} />
          <p><button type="submit" class="danger">{t('erase_button')}</button></p>
        </PostForm>
        <h3>{t('erasure_request_title')}</h3>
        {opts.pendingSince ? <p data-testid="erasure-pending">{t('erasure_request_pending', { date: formatDate(opts.pendingSince, locale) })}</p> : (
          <>
            <p>{t('erasure_request_text')}</p>
            <PostForm page={page} action="/account/privacy/request" testid="erasure-request-form">
              <p class="field">
                <label for="f-note">{t('erasure_request_note')} ({t('optional')})</label>
                <textarea id="f-note" name="note" rows={3} maxLength={1000} />
              </p>
              <p><button type="submit">{t('erasure_request_button')}</button></p>
            </PostForm>
          </>
        )}
      </section>
    </AccountPage>
  );
}

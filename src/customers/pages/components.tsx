// Pieces every account page shares: the frame with the account navigation, the error summary, labelled fields.
// No script: every action is a form that posts and comes back.
import type { ComponentChildren } from 'preact';
import { CsrfField, Layout, type MessageKey, type PageContext } from '../../storefront/index.ts';

/** Field name → message (the empty name: a message for the whole form). */
export type FieldErrors = Record<string, string>;

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A page outside the account area (sign in, register, reset…): the shop's frame, not indexed. */
export function PlainPage({ page, title, path, children }: { page: PageContext; title: string; path: string; children: ComponentChildren }) {
  return (
    <Layout page={page} seo={{ title, description: title, alternates: {}, canonicalPath: page.href(path), noindex: true }}>
      <div class="account-plain">{children}</div>
    </Layout>
  );
}

const NAV: Array<{ key: string; path: string; label: MessageKey }> = [
  { key: 'profile', path: '/account', label: 'profile' },
  { key: 'orders', path: '/account/orders', label: 'orders' },
  { key: 'addresses', path: '/account/addresses', label: 'addresses' },
  { key: 'wishlist', path: '/account/wishlist', label: 'wishlist' },
  { key: 'sessions', path: '/account/sessions', label: 'sessions' },
  { key: 'privacy', path: '/account/privacy', label: 'privacy' },
];

/** A page of the signed-in account: heading, notice, the account navigation and a sign-out button. */
export function AccountPage(props: { page: PageContext; current: string; title: string; notice?: string | null; children: ComponentChildren }) {
  const { page, current, title, notice } = props;
  const { t } = page;
  const path = NAV.find((n) => n.key === current)?.path ?? '/account';
  return (
    <Layout page={page} seo={{ title, description: title, alternates: {}, canonicalPath: page.href(path), noindex: true }}>
      <div class="account">
        <nav class="account-nav" aria-label={t('account_nav')}>
          <ul>
            {NAV.map((n) => (
              <li><a href={page.href(n.path)} aria-current={n.key === current ? 'page' : undefined}>{t(n.label)}</a></li>
            ))}
          </ul>
          <form method="post" action={page.href('/account/logout')}>
            <CsrfField page={page} />
            <button type="submit" class="link" data-testid="sign-out">{t('sign_out')}</button>
          </form>
        </nav>
        <section class="account-main">
          <h1>{title}</h1>
          {notice ? <p class="notice" role="status" data-testid="notice">{notice}</p> : null}
          {props.children}
        </section>
      </div>
    </Layout>
  );
}

/** The problems of a form above it, each linking to its field; focus-friendly and announced (role=alert). */
export function ErrorSummary({ page, errors, labels }: { page: PageContext; errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>{page.t('errors_title')}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>{name && labels[name] ? <a href={`#${fieldId(name)}`}>{`${labels[name]}: ${message}`}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}

export interface InputProps {
  name: string;
  label: string;
  value?: string | null;
  errors?: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  hint?: string;
}

/** A labelled input with its hint and error beside it (aria-describedby), as the checkout's fields. */
export function Input(props: InputProps) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength ?? 200}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
      {props.hint ? <span class="hint" id={`${id}-hint`}>{props.hint}</span> : null}
      {error ? <span class="error" id={`${id}-error`}>{error}</span> : null}
    </p>
  );
}

export function Select(props: { name: string; label: string; value: string | null; options: Array<{ value: string; label: string }>; errors?: FieldErrors; autocomplete?: string }) {
  const id = fieldId(props.name);
  const error = props.errors?.[props.name];
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} autocomplete={props.autocomplete} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.options.map((o) => <option value={o.value} selected={o.value === (props.value ?? '')}>{o.label}</option>)}
      </select>
      {error ? <span class="error" id={`${id}-error`}>{error}</span> : null}
    </p>
  );
}

export function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = fieldId(props.name);
  return (
    <p class="field checkbox">
      <input type="hidden" name={props.name} value="0" />
      <input id={id} type="checkbox" name={props.name} value="1" checked={props.checked} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label for={id}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${id}-hint`}>{props.hint}</span> : null}
    </p>
  );
}

/** A form that posts, with the visitor's CSRF token. */
export function PostForm(props: { page: PageContext; action: string; children: ComponentChildren; class?: string; testid?: string }) {
  return (
    <form method="post" action={props.page.href(props.action)} class={props.class ?? 'account-form'} data-testid={props.testid} novalidate={false}>
      <CsrfField page={props.page} />
      {props.children}
    </form>
  );
}

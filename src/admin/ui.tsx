// Form pieces for back-office pages: every input has a label, and an error message sits next to its field
// (linked with aria-describedby) so the form works with a screen reader and without JavaScript.
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from './guard.ts';

/** Field name → message. */
export type FieldErrors = Record<string, string>;

const idFor = (name: string) => 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * Maps service error details (`[{ path: '/translations/en/title', message }]`) onto form field names
 * (`translations.en.title`). Messages without a matching path go under the empty name (shown above the form).
 */
export function fieldErrorsFrom(details: unknown, message: string): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(details)) {
    for (const d of details as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof d?.path !== 'string' || typeof d.message !== 'string') continue;
      const name = d.path.replace(/^\//, '').replace(/\//g, '.');
      if (!out[name]) out[name] = d.message;
    }
  }
  if (Object.keys(out).length === 0) out[''] = message;
  return out;
}

export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>Please correct the following</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>{name ? <a href={`#${idFor(name)}`}>{`${name}: ${message}`}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

interface FieldProps {
  label: string;
  name: string;
  value?: string | number | null;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  maxLength?: number;
}

function Described({ name, hint, error, children }: { name: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <>
      {children}
      {hint && (
        <small class="hint" id={`${idFor(name)}-hint`}>
          {hint}
        </small>
      )}
      {error && (
        <span class="field-error" id={`${idFor(name)}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

const describedBy = (name: string, hint?: string, error?: string) =>
  [hint && `${idFor(name)}-hint`, error && `${idFor(name)}-error`].filter(Boolean).join(' ') || undefined;

export function TextField(props: FieldProps & { type?: 'text' | 'number' | 'datetime-local' | 'search' | 'password'; step?: string; min?: number; suffix?: string; autocomplete?: string }) {
  const error = props.errors?.[props.name];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={idFor(props.name)}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <Described name={props.name} hint={props.hint} error={error}>
        <span class="input-row">
          <input
            id={idFor(props.name)}
            name={props.name}
            type={props.type ?? 'text'}
            value={props.value ?? ''}
            required={props.required}
            maxLength={props.maxLength}
            step={props.step}
            min={props.min}
            autocomplete={props.autocomplete}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(props.name, props.hint, error)}
          />
          {props.suffix && <span class="suffix">{props.suffix}</span>}
        </span>
      </Described>
    </div>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const error = props.errors?.[props.name];
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={idFor(props.name)}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <Described name={props.name} hint={props.hint} error={error}>
        <textarea
          id={idFor(props.name)}
          name={props.name}
          rows={props.rows ?? 6}
          required={props.required}
          maxLength={props.maxLength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(props.name, props.hint, error)}
        >
          {props.value ?? ''}
        </textarea>
      </Described>
    </div>
  );
}

export function Select(props: FieldProps & { options: Array<{ value: string; label: string }>; multiple?: boolean; selected?: string[] }) {
  const error = props.errors?.[props.name];
  const selected = new Set(props.selected ?? (props.value !== undefined && props.value !== null ? [String(props.value)] : []));
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={idFor(props.name)}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <Described name={props.name} hint={props.hint} error={error}>
        <select
          id={idFor(props.name)}
          name={props.name}
          multiple={props.multiple}
          size={props.multiple ? Math.min(8, Math.max(3, props.options.length)) : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(props.name, props.hint, error)}
        >
          {props.options.map((o) => (
            <option value={o.value} selected={selected.has(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      </Described>
    </div>
  );
}

export function Checkbox(props: { label: string; name: string; checked?: boolean; errors?: FieldErrors; hint?: string }) {
  const error = props.errors?.[props.name];
  return (
    <div class={`field checkbox${error ? ' has-error' : ''}`}>
      <input type="hidden" name={props.name} value="0" />
      <input
        id={idFor(props.name)}
        type="checkbox"
        name={props.name}
        value="1"
        checked={props.checked}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
      <label for={idFor(props.name)}>{props.label}</label>
      <Described name={props.name} hint={props.hint} error={error}>
        {null}
      </Described>
    </div>
  );
}

/** A page of a paged list: links to the previous and next pages, keeping the other query parameters. */
export function Pager({ page, perPage, total, base, query }: { page: number; perPage: number; total: number; base: string; query: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    params.set('page', String(p));
    return `${base}?${params}`;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={href(page - 1)} rel="prev">← Previous</a> : <span />}
      <span>
        Page {page} of {pages} ({total})
      </span>
      {page < pages ? <a href={href(page + 1)} rel="next">Next →</a> : <span />}
    </nav>
  );
}

/** Form values as strings: the last of repeated fields (checkbox hidden "0" + "1" → "1"), or all of them. */
export type FormBody = Record<string, string | string[] | undefined>;
export const formValue = (body: FormBody, name: string): string => {
  const v = body[name];
  return Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
};
export const formValues = (body: FormBody, name: string): string[] => {
  const v = body[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
export const formChecked = (body: FormBody, name: string) => formValue(body, name) === '1';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 16).replace('T', ' ');
}

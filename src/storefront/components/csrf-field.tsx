// The hidden field every storefront form that posts carries: the visitor's CSRF token (src/platform/http/csrf.ts).
import { CSRF_FIELD } from '../../platform/http/csrf.ts';
import type { PageContext } from '../page-context.ts';

export function CsrfField({ page }: { page: PageContext }) {
  return <input type="hidden" name={CSRF_FIELD} value={page.csrf} />;
}

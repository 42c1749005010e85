// Pieces the staff pages share: route options with the back-office guard, problems → form errors, recovery codes.
import type { FastifyRequest } from 'fastify';
import { adminGuard } from '../../admin/guard.ts';
import { renderForbidden } from '../../admin/shell.tsx';
import type { FieldErrors } from '../../admin/ui.tsx';
import type { Permission } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FieldProblem } from '../staff-rules.ts';

/** Like adminPage (src/admin/shell.tsx), with the option to open while the password has expired. */
export function staffPage(ctx: AppContext, permission: Permission, schema: Record<string, unknown> = {}, options: { allowExpiredPassword?: boolean } = {}) {
  return {
    preValidation: adminGuard(ctx, permission, { forbidden: renderForbidden(ctx), allowExpiredPassword: options.allowExpiredPassword }),
    schema: { hide: true, ...schema },
  };
}

/** Service problems (`{ path: '/new_password', message }`) as form errors by field name. */
export function formErrors(problems: FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const name = p.path.replace(/^\//, '');
    out[name] = out[name] ? `${out[name]} ${p.message}` : p.message;
  }
  return out;
}

/** The signed-in state of a request that passed the guard. */
export const adminOf = (request: FastifyRequest) => request.admin!;

export function RecoveryCodes({ codes, next }: { codes: string[]; next: { href: string; label: string } }) {
  return (
    <section class="narrow" aria-labelledby="codes-title">
      <h1 id="codes-title">Your recovery codes</h1>
      <p>
        Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager or on paper: <strong>they are shown only now.</strong>
      </p>
      <ol class="plain recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={next.href}>
          {next.label}
        </a>
      </p>
    </section>
  );
}

/** "Mon 25 Nov 2026, 10:45 UTC" style, short. */
export const when = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** A browser's user agent, shortened to what a person recognises. */
export function browserLabel(userAgent: string | null): string {
  if (!userAgent) return 'Unknown';
  const ua = userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : /curl\//.test(ua) ? 'curl' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}

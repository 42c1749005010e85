// Who is acting on an admin route or page: a staff member signed in, or an API key. Audit, permissions and
// "done by" fields read this one shape.
import type { Role } from './roles.ts';

export interface ApiKeyPrincipal {
  kind: 'api_key';
  keyId: number;
  name: string;
  role: Role;
}

export interface StaffPrincipal {
  kind: 'staff';
  staffId: number;
  name: string;
  email: string;
  role: Role;
}

export type Principal = ApiKeyPrincipal | StaffPrincipal;

/** A short, stable label for logs and "done by" fields: "staff:12 Ana" or "api_key:3 ERP sync". */
export function principalLabel(p: Principal): string {
  return p.kind === 'staff' ? `staff:${p.staffId} ${p.name}` : `api_key:${p.keyId} ${p.name}`;
}

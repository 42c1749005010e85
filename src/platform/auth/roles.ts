// Staff roles and what each may do. Least privilege: a role gets a permission only when its job needs it.
export const ROLES = ['owner', 'manager', 'support', 'warehouse', 'marketing'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'catalog:read': ['owner', 'manager', 'support', 'warehouse', 'marketing'],
  'catalog:write': ['owner', 'manager', 'marketing'],
  'reviews:moderate': ['owner', 'manager', 'support', 'marketing'],
  'content:write': ['owner', 'manager', 'marketing'],
  'inventory:write': ['owner', 'manager', 'warehouse'],
  'apikeys:manage': ['owner'],
  // Staff accounts: invite, change roles, disable, reset two-factor.
  'staff:manage': ['owner'],
  'webhooks:manage': ['owner', 'manager'],
  'orders:read': ['owner', 'manager', 'support', 'warehouse'],
  'orders:write': ['owner', 'manager', 'support', 'warehouse'],
  // Shop settings: shipping zones, methods, carriers, calendar and tax rates. Support and warehouse read them to
  // answer customers and plan shipments; only those who run the shop change them.
  'settings:read': ['owner', 'manager', 'support', 'warehouse'],
  'settings:write': ['owner', 'manager'],
  // Customer accounts: support reads them to help a customer; erasing one is for those who run the shop.
  'customers:read': ['owner', 'manager', 'support'],
  'customers:write': ['owner', 'manager'],
  // The audit log: who did what. Those who run the shop read it; it names staff and shows before/after copies.
  'audit:read': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

// The back office's page frame: navigation, who is signed in, sign-out. Pages render inside it.
import type { ComponentChildren } from 'preact';
import type { AdminState } from './guard.ts';
import { CSRF_FIELD } from './guard.ts';
import { roleCan, type Permission } from '../platform/auth/roles.ts';

export type NavKey = 'dashboard' | 'orders' | 'customers' | 'products' | 'reviews' | 'news' | 'pages' | 'staff' | 'audit' | 'account';

// An item with a permission is shown only to roles that hold it: nobody is offered a page that would refuse them.
const NAV: Array<{ key: NavKey; href: string; label: string; permission?: Permission }> = [
  { key: 'dashboard', href: '/admin', label: 'Dashboard' },
  { key: 'orders', href: '/admin/orders', label: 'Orders', permission: 'orders:read' },
  { key: 'customers', href: '/admin/customers', label: 'Customers', permission: 'customers:read' },
  { key: 'products', href: '/admin/products', label: 'Products', permission: 'catalog:read' },
  { key: 'reviews', href: '/admin/reviews', label: 'Reviews', permission: 'reviews:moderate' },
  { key: 'news', href: '/admin/news', label: 'News', permission: 'content:write' },
  { key: 'pages', href: '/admin/pages', label: 'Pages', permission: 'content:write' },
  { key: 'staff', href: '/admin/staff', label: 'Staff', permission: 'staff:manage' },
  { key: 'audit', href: '/admin/audit', label: 'Audit log', permission: 'audit:read' },
  { key: 'account', href: '/admin/account', label: 'My account' },
];

export const ADMIN_CSS_URL = '/admin/assets/admin.css';

export interface LayoutProps {
  title: string;
  shopName: string;
  admin?: AdminState | null;
  active?: NavKey;
  /** A one-line confirmation shown above the content ("Saved."). */
  notice?: string | null;
  children: ComponentChildren;
}

export function Layout({ title, shopName, admin, active, notice, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} · ${shopName} back office`}</title>
        <link rel="stylesheet" href={ADMIN_CSS_URL} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <a class="brand" href="/admin">
            {shopName} <span>back office</span>
          </a>
          {admin && (
            <nav aria-label="Back office">
              <ul>
                {NAV.filter((item) => !item.permission || roleCan(admin.principal.role, item.permission)).map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.key === active ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {admin && (
            <div class="who">
              <span>
                {admin.principal.name} <small>({admin.principal.role})</small>
              </span>
              <form method="post" action="/admin/logout">
                <input type="hidden" name={CSRF_FIELD} value={admin.csrf} />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </div>
          )}
        </header>
        <main id="main">
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}

// Breadcrumb trail (the last item is the current page) and its schema.org BreadcrumbList.
import type { PageContext } from '../page-context.ts';

export interface Crumb { name: string; path: string }

export function Breadcrumbs({ crumbs, page }: { crumbs: Crumb[]; page: PageContext }) {
  return (
    <nav class="breadcrumbs" aria-label={page.t('breadcrumb')}>
      <ol>
        {crumbs.map((c, i) => (
          <li>{i === crumbs.length - 1 ? <span aria-current="page">{c.name}</span> : <a href={c.path}>{c.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function breadcrumbJsonLd(crumbs: Crumb[], baseUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: baseUrl + c.path })),
  };
}

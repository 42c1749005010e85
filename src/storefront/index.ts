// The storefront's public surface: its HTTP module (pages, sitemap, robots) and the 404 renderer.
export { storefrontModule } from './routes.tsx';
export { renderNotFound } from './not-found.ts';
// For other modules' shopper pages (customer accounts): the page frame, the request's page context, CSRF for forms,
// locale prefixes, formatting and product cards.
export { Layout, type SeoProps } from './components/layout.tsx';
export { pageContext, type PageContext } from './page-context.ts';
export { CsrfField } from './components/csrf-field.tsx';
export { requireCsrf, CsrfBodyField } from './csrf-guard.ts';
export { localePrefixes, localePath, productPath } from './paths.ts';
export { formatPrice, formatDate } from './format.ts';
export { ProductGrid } from './components/product-card.tsx';
export { sendNotFound } from './routes.tsx';
export { LANGUAGE_NAMES, type MessageKey, type Translate } from './i18n/index.ts';

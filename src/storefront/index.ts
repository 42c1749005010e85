// The storefront's public surface: its HTTP module (pages, sitemap, robots) and the 404 renderer.
export { storefrontModule } from './routes.tsx';
export { renderNotFound } from './not-found.ts';

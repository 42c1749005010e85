// The catalogue's admin JSON API as one HTTP module: products and the taxonomy.
import type { HttpModule } from '../../platform/http/app.ts';
import { registerProductAdminRoutes } from './products.routes.ts';
import { registerTaxonomyAdminRoutes } from './taxonomy.routes.ts';

export const catalogAdminModule: HttpModule = {
  name: 'catalog-admin',
  register(app, ctx) {
    registerProductAdminRoutes(app, ctx);
    registerTaxonomyAdminRoutes(app, ctx);
  },
};

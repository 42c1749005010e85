// The catalogue's back-office pages (products), registered as their own module after the admin shell. Photo
// uploads posted from the edit page are handled by the images module (../images/admin-pages.tsx).
import type { HttpModule } from '../../platform/http/app.ts';
import { registerProductPages } from './product-pages.tsx';

export const catalogAdminPagesModule: HttpModule = {
  name: 'catalog-admin-pages',
  register(app, ctx) {
    registerProductPages(app, ctx);
  },
};

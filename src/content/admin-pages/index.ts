// The content domain's back-office pages, registered as their own module after the admin shell.
import type { HttpModule } from '../../platform/http/app.ts';
import { registerNewsPages } from './news.tsx';
import { registerContentPages } from './pages.tsx';

export const contentAdminPagesModule: HttpModule = {
  name: 'content-admin-pages',
  register(app, ctx) {
    registerNewsPages(app, ctx);
    registerContentPages(app, ctx);
  },
};

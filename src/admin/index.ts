// The back office's shell: sign-in, the dashboard, its stylesheet. Domain pages register themselves with the helpers
// in shell.tsx (src/content/admin-pages, src/catalog/admin-pages).
import fs from 'node:fs';
import type { HttpModule } from '../platform/http/app.ts';
import { registerDashboard } from './dashboard.tsx';
import { registerLoginRoutes } from './login.tsx';

const css = fs.readFileSync(new URL('./assets/admin.css', import.meta.url));

export const adminModule: HttpModule = {
  name: 'admin',
  register(app, ctx) {
    app.get('/admin/assets/admin.css', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
    );
    registerLoginRoutes(app, ctx);
    registerDashboard(app, ctx);
  },
};

export { adminPage, renderAdminPage, renderForbidden, renderNotFoundPage, redirectAfterPost, noticeFrom, FormBodySchema, type NoticeCode } from './shell.tsx';
export { currentAdmin, CSRF_FIELD, type AdminState } from './guard.ts';
export * from './ui.tsx';

// The staff module: accounts of the people who run the shop, their sign-in (password + two-factor), set-up links,
// sessions and the owners' management pages and API; also the owners' API keys page and API.
import type { HttpModule } from '../platform/http/app.ts';
import { AppError } from '../platform/http/errors.ts';
import { closeRedis } from '../platform/redis.ts';
import { registerAuthRoutes } from './http/auth.routes.ts';
import { registerStaffRoutes } from './http/staff.routes.ts';

export { inviteStaff, listStaffMembers, getStaffMember, changeRole, disableStaff, enableStaff, resetTwoFactor, resendInvite, type InviteResult } from './staff.service.ts';
export { staffSessionFor, type StaffSession } from './staff-principal.ts';
export { STAFF_MAIL_JOB, staffMailJobHandler } from './invite-mail.tsx';
export type { StaffView, StaffStatus } from './staff-rules.ts';

export const staffModule: HttpModule = {
  name: 'staff',
  async register(app, ctx) {
    // An AppError may carry response headers (Retry-After on 429 and 423): set them before the error handler answers.
    app.addHook('onError', async (_request, reply, error) => {
      if (error instanceof AppError && error.headers) reply.headers(error.headers);
    });
    // The Redis connection (sign-in throttling) is opened on first use and closed with the app.
    app.addHook('onClose', async () => closeRedis(ctx));
    registerAuthRoutes(app, ctx);
    registerStaffRoutes(app, ctx);
    // Loaded here, not at the top: the pages depend on the admin shell, the API does not.
    const { registerSetupPages } = await import('./pages/setup-pages.tsx');
    const { registerAccountPages } = await import('./pages/account-pages.tsx');
    const { registerStaffPages } = await import('./pages/staff-pages.tsx');
    registerSetupPages(app, ctx);
    registerAccountPages(app, ctx);
    registerStaffPages(app, ctx);
  },
};

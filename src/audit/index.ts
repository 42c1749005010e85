// The audit log's public surface: record a named action, attach before/after to an admin request, search the log.
// Its module adds the capture hook (every admin write is recorded) and the API and back-office page to read it.
import type { HttpModule } from '../platform/http/app.ts';
import { registerAuditCapture } from './capture.ts';

export { recordAudit, searchAudit, actorOf, SYSTEM_ACTOR, ANONYMOUS_ACTOR, type AuditEntry, type AuditActor, type AuditFilters, type AuditRecord } from './audit.service.ts';
export { auditChange, auditUploadedFile, type AuditChange } from './capture.ts';
export type { ActorKind } from './audit.table.ts';

export const auditModule: HttpModule = {
  name: 'audit',
  async register(app, ctx) {
    // First, so the hook is in place before any admin route is added.
    registerAuditCapture(app, ctx);
    // Loaded here, not at the top: domains import auditChange from this file, and the routes and page import them.
    const { registerAuditRoutes } = await import('./http/audit.routes.ts');
    const { registerAuditPages } = await import('./admin-pages/audit-page.tsx');
    registerAuditRoutes(app, ctx);
    registerAuditPages(app, ctx);
  },
};

import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import formbody from '@fastify/formbody';
import etag from '@fastify/etag';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import AjvCompiler from '@fastify/ajv-compiler';
import type { AppContext } from '../context.ts';
import { AppError, errorBody } from './errors.ts';
import { permissionOf } from '../auth/require-permission.ts';
import { registerAdminIpAllowList } from './ip-allow-list.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { decorateCsrf } from './csrf.ts';
import { etagHash } from './http-cache.ts';
import { invalidateOnStaffWrites } from '../cache/catalog-cache.ts';

export type App = FastifyInstance;

/** A business module's HTTP surface: its API routes and pages, registered on the shared app. */
export interface HttpModule {
  name: string;
  register(app: App, ctx: AppContext): Promise<void> | void;
}

export interface BuildAppOptions {
  modules: HttpModule[];
  /** Renders the HTML 404 page for a non-API URL; the storefront provides it. */
  renderNotFound?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;
}

export const JSON_BODY_LIMIT = 1024 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

// Two validators. Query strings, params and headers arrive as text, so they are coerced to their declared types
// ("?page=2" → 2, a single "?brand=x" → ["x"]). Bodies are not coerced: a JSON body that sends 123 where a string
// belongs, or "5" where a number belongs, is a wrong type and answers 400. Form posts declare their fields as strings.
// Both refuse unknown fields (removeAdditional: false) instead of silently dropping them.
const buildValidator = AjvCompiler();
const ajvOptions = (coerceTypes: 'array' | false) => ({
  customOptions: { removeAdditional: false as const, coerceTypes, useDefaults: true, allErrors: false },
});
const coercingValidator = buildValidator({}, ajvOptions('array'));
const strictValidator = buildValidator({}, ajvOptions(false));

export interface RegisteredRoute {
  method: string;
  url: string;
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, for the OpenAPI completeness test. */
    registeredRoutes: RegisteredRoute[];
  }
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: JSON_BODY_LIMIT,
    // Off unless TRUST_PROXY names the proxies: a trusted X-Forwarded-For decides request.ip (allow-list, rate limits).
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler((route) => (route.httpPart === 'body' ? strictValidator : coercingValidator)(route));

  // First of all hooks: a refused address gets its 403 before anything else about the request is done.
  registerAdminIpAllowList(app as unknown as App, ctx.config.adminAllowedIps);
  registerSecurityHeaders(app as unknown as App, ctx.config);
  decorateCsrf(app as unknown as App);
  // Before any module adds its routes: the hook attaches itself to each admin route that writes.
  invalidateOnStaffWrites(app as unknown as App, ctx);

  // A POST without a body (no content) is validated as an empty object: its required fields are reported by name
  // instead of "body must be object", and routes whose fields are all optional accept it. Attached to the routes that
  // take a body rather than added globally: a hook on every request is paid by every page view.
  const emptyBodyIsObject = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (request.body === undefined && BODY_METHODS.has(request.method)) request.body = {};
    done();
  };

  // Who may call a route is checked before its input is: a caller without the permission gets 401/403 whatever the
  // body holds, never a 400 that describes a schema it may not use. Permission guards declared as preHandler
  // (requirePermission, adminGuard) run at preValidation instead; the body is parsed by then (CSRF fields included).
  app.addHook('onRoute', (route) => {
    const preHandlers = [route.preHandler ?? []].flat();
    const checks = preHandlers.filter((hook) => permissionOf(hook));
    const takesBody = [route.method].flat().some((m) => BODY_METHODS.has(m));
    if (checks.length === 0 && !takesBody) return;
    route.preHandler = preHandlers.filter((hook) => !permissionOf(hook));
    route.preValidation = [...(takesBody ? [emptyBodyIsObject] : []), ...checks, ...[route.preValidation ?? []].flat()] as typeof route.preValidation;
  });

  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      registeredRoutes.push({ method, url: route.url, hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide) });
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      return reply.status(400).send(
        errorBody('validation_failed', `Invalid ${error.validationContext ?? 'request'}: ${error.message}`, error.validation),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = (error.code ?? 'bad_request').replace(/^FST_(ERR_)?/, '').toLowerCase();
      return reply.status(status).send(errorBody(code, error.message));
    }
    // Unknown errors are bugs: log them whole, answer without leaking driver messages.
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side'));
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || !options.renderNotFound) {
      return reply.status(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
    }
    return options.renderNotFound(request, reply);
  });

  await app.register(formbody, { bodyLimit: JSON_BODY_LIMIT });
  // Validators on every answer with a body: a client or proxy revalidating an unchanged page or list gets a 304.
  await app.register(etag, { hashFn: etagHash });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Pasar API', version: '0.1.0', description: 'Store and admin API of a Pasar shop.' },
      servers: [{ url: ctx.config.baseUrl }],
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An admin API key (pasar apikey:create, or /admin/staff) or a staff session token (POST /api/admin/auth/login)' } },
      },
      tags: [
        { name: 'store', description: 'Public storefront API' },
        { name: 'admin', description: 'Back-office API (Bearer API key)' },
        { name: 'platform', description: 'Health and documentation' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/healthz',
    { schema: { tags: ['platform'], summary: 'Liveness and database check', response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } },
    async () => {
      await ctx.db.kysely.selectFrom('api_keys').select('id').limit(1).execute();
      return { status: 'ok' };
    },
  );

  for (const module of options.modules) {
    await module.register(app as unknown as App, ctx);
  }

  await app.ready();
  return app as unknown as App;
}

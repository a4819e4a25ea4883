// The Fastify application: security headers, CORS for configured origins, typed errors,
// redacted logs, health and readiness, and the /v1 routes.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.js';
import { openDb, type Db } from './db.js';
import { ApiError, fromFastifyError } from './errors.js';
import { migrate } from './migrate.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { syncRoutes } from './routes/sync.js';
import { createServices, type Hooks } from './services.js';

export interface CreateServerOptions {
  /** An open database; by default one is opened from the config and closed with the server. */
  db?: Db;
  /** Fastify's logger option; by default pino at `config.logLevel`. Headers and bodies are never logged. */
  logger?: FastifyServerOptions['logger'];
  hooks?: Hooks;
}

export async function createServer(
  config: ServerConfig,
  options: CreateServerOptions = {},
): Promise<FastifyInstance> {
  const ownDb = !options.db;
  const db = options.db ?? (await openDb(config));
  await migrate(db);
  const services = await createServices(config, db, options.hooks);

  // Pino logs method, url, address and status only; these paths are the only way a secret
  // could reach a log line, so they stay censored should a serializer ever add them.
  const logger = options.logger ?? {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.body', 'res.body'],
  };
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: config.authBodyLimit,
    ajv: { customOptions: { removeAdditional: false } }, // unknown fields are an error, not dropped
  });

  app.removeContentTypeParser('text/plain'); // JSON only: anything else is 415
  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } } });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    const api = error instanceof ApiError ? error : fromFastifyError(error);
    if (api.status >= 500) req.log.error({ err: error }, 'request failed');
    if (api.retryAfter) void reply.header('retry-after', String(api.retryAfter));
    return reply.code(api.status).send({ error: { code: api.code, message: api.message } });
  });
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ error: { code: 'not-found', message: 'No such endpoint.' } }),
  );

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    try {
      await db.query('SELECT 1');
      return { status: 'ready', database: db.kind };
    } catch {
      return reply
        .code(503)
        .send({ error: { code: 'unavailable', message: 'The database does not answer.' } });
    }
  });

  authRoutes(app, services);
  accountRoutes(app, services);
  syncRoutes(app, services);

  // Streams never end by themselves: close them first so close() can finish.
  app.addHook('preClose', async () => services.hub.close());
  if (ownDb) app.addHook('onClose', async () => db.close());
  return app;
}

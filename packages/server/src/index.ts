export { createServer, type CreateServerOptions } from './app.js';
export { configFromEnv, type Env, defaultConfig, ConfigError, type ServerConfig } from './config.js';
export { openDb, type Db, type DbOptions, type Queryable } from './db.js';
export { migrate } from './migrate.js';
export { ApiError, type ApiErrorCode } from './errors.js';
export type { Hooks } from './services.js';

// Every setting, read once from the environment (documented in README.md).
export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL 15+; without it the server runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Origins allowed by CORS; empty allows none. */
  corsOrigins: string[];
  /** Trust X-Forwarded-For from a proxy in front: true, or its addresses (comma-separated). */
  trustProxy: boolean | string;
  logLevel: string;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  /** Consecutive wrong passwords (per username and IP) before a block. */
  loginFailures: number;
  loginBlockSeconds: number;
  loginFailuresPerIpDay: number;
  loginFailuresPerUserDay: number;
  signupsPerIpHour: number;
  /** Request body limits in bytes: auth and account routes, and sync pushes. */
  authBodyLimit: number;
  pushBodyLimit: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** On SIGTERM, how long requests in flight may take before open connections are dropped. */
  shutdownGraceSeconds: number;
}

export const defaultConfig: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  databaseUrl: undefined,
  dataDir: './moodiary-server-data',
  poolSize: 10,
  corsOrigins: [],
  trustProxy: false,
  logLevel: 'info',
  sessionIdleSeconds: 30 * 86400,
  sessionMaxSeconds: 180 * 86400,
  loginFailures: 10,
  loginBlockSeconds: 60,
  loginFailuresPerIpDay: 100,
  loginFailuresPerUserDay: 50,
  signupsPerIpHour: 5,
  authBodyLimit: 16 * 1024,
  pushBodyLimit: 4 * 1024 * 1024,
  // OWASP Password Storage Cheat Sheet minimum for argon2id; raise on a production host.
  argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  shutdownGraceSeconds: 5,
};

/** Environment variables, as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly code = 'bad-config';
}

export function configFromEnv(env: Env = process.env): ServerConfig {
  const d = defaultConfig;
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new ConfigError(`${name} must be a whole number ≥ 0`);
    return value;
  };
  const trust = env.TRUST_PROXY;
  return {
    host: env.HOST || d.host,
    port: int('PORT', d.port),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || d.dataDir,
    poolSize: int('PG_POOL_SIZE', d.poolSize),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy:
      trust === undefined || trust === '' || trust === 'false' ? false : trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL || d.logLevel,
    sessionIdleSeconds: int('SESSION_IDLE_SECONDS', d.sessionIdleSeconds),
    sessionMaxSeconds: int('SESSION_MAX_SECONDS', d.sessionMaxSeconds),
    loginFailures: int('LOGIN_FAILURES', d.loginFailures),
    loginBlockSeconds: int('LOGIN_BLOCK_SECONDS', d.loginBlockSeconds),
    loginFailuresPerIpDay: int('LOGIN_FAILURES_PER_IP_DAY', d.loginFailuresPerIpDay),
    loginFailuresPerUserDay: int('LOGIN_FAILURES_PER_USER_DAY', d.loginFailuresPerUserDay),
    signupsPerIpHour: int('SIGNUPS_PER_IP_HOUR', d.signupsPerIpHour),
    authBodyLimit: int('AUTH_BODY_LIMIT', d.authBodyLimit),
    pushBodyLimit: int('PUSH_BODY_LIMIT', d.pushBodyLimit),
    argon2: {
      memoryCost: int('ARGON2_MEMORY_KIB', d.argon2.memoryCost),
      timeCost: int('ARGON2_TIME_COST', d.argon2.timeCost),
      parallelism: int('ARGON2_PARALLELISM', d.argon2.parallelism),
    },
    shutdownGraceSeconds: int('SHUTDOWN_GRACE_SECONDS', d.shutdownGraceSeconds),
  };
}

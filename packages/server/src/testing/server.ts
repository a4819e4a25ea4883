// A real server on a real database for the tests: HTTP on a free port, logs kept in memory.
import type { FastifyInstance } from 'fastify';
import { createServer } from '../app.js';
import { defaultConfig, type ServerConfig } from '../config.js';
import { openDb, type Db } from '../db.js';
import type { Hooks } from '../services.js';
import type { Backend } from './backends.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  /** Every log line the server wrote (pino JSON, debug level). */
  logs: string[];
  close(): Promise<void>;
}

const testConfig = (backend: Backend, overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  ...defaultConfig,
  databaseUrl: backend.databaseUrl,
  dataDir: backend.dataDir,
  poolSize: 20,
  trustProxy: true, // tests speak for many clients through X-Forwarded-For
  logLevel: 'debug',
  ...overrides,
});

export async function startServer(
  backend: Backend,
  overrides: Partial<ServerConfig> = {},
  hooks: Hooks = {},
  db?: Db,
): Promise<TestServer> {
  const config = testConfig(backend, overrides);
  const ownDb = !db;
  const database = db ?? (await openDb(config));
  const logs: string[] = [];
  const app = await createServer(config, {
    db: database,
    hooks,
    logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    app,
    db: database,
    logs,
    async close() {
      await app.close();
      if (ownDb) await database.close();
    },
  };
}

/** Answers are JSON read field by field in the tests' assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Answer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP call; `ip` becomes X-Forwarded-For so throttling sees separate clients. */
export async function call<T = Json>(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    ip?: string;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  } else if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

let ipCounter = 0;
/** A client address no other test uses. */
export const freshIp = () => {
  ipCounter += 1;
  return `10.${(process.pid >> 8) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

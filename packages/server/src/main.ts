#!/usr/bin/env node
// `moodiary-server`: configuration from the environment, then serve until SIGTERM/SIGINT,
// when it stops taking connections, lets requests in flight finish and closes the database.
import { createServer } from './app.js';
import { configFromEnv } from './config.js';

const config = configFromEnv();
const app = await createServer(config);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took over 10 s: exiting');
      process.exit(1);
    }, 10_000).unref();
    app.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
await app.listen({ host: config.host, port: config.port });

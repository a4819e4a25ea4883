#!/usr/bin/env node
// `moodiary-server`: configuration from the environment, then serve until SIGTERM/SIGINT,
// when it stops taking connections, lets requests in flight finish (up to a grace period)
// and closes the database.
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
    // Requests in flight get the grace period; then connections still open (a client's
    // idle socket that never sent a request would keep close() waiting) are dropped.
    setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceSeconds * 1000).unref();
    const force = setTimeout(
      () => {
        app.log.error('shutdown did not finish: exiting');
        process.exit(1);
      },
      (config.shutdownGraceSeconds + 10) * 1000,
    ).unref();
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

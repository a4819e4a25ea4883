// A real sync server on PGlite for the browser tests (`executeServerCommand('sync-server')` in
// web-test-runner.config.mjs starts it): allows the test page's origin, prints `URL <url>`,
// and stops when its parent closes stdin or sends SIGTERM.
import { startSyncServer } from './sync.js';

const origin = process.argv[2];
const harness = await startSyncServer(origin ? { corsOrigins: [origin] } : {});
process.stdout.write(`URL ${harness.url}\n`);
const stop = () => void harness.close().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);

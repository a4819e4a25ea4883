// `npm start`: builds the packages and serves the repository root (examples, test fixtures and all) on
// 127.0.0.1 only — never on the network — with the headers a host sends. `PORT=8080 npm start` picks
// the port (default 8000).
import { spawnSync } from 'node:child_process';
import { serveStatic } from './static-server.mjs';

const port = Number(process.env.PORT ?? 8000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number (1–65535), not "${process.env.PORT}".`);
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

try {
  await serveStatic('.', { port });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(
    `Port ${port} on 127.0.0.1 is busy: stop what uses it, or pick another, e.g. PORT=8080 npm start`,
  );
  process.exit(1);
}
const url = `http://127.0.0.1:${port}/examples/`;
console.log(
  `\nMoodiary demo: ${url}\n  the diary:   ${url}diary/\n  drop-in tag: ${url}drop-in/\nPress Ctrl+C to stop.`,
);

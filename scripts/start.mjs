// `npm start`: builds the packages and serves examples/ on localhost.
import { spawnSync } from 'node:child_process';
import { startDevServer } from '@web/dev-server';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(process.env.PORT ?? 8000);
const server = await startDevServer({
  config: { rootDir: '.', port, hostname: '127.0.0.1', nodeResolve: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const url = `http://127.0.0.1:${server.config.port}/examples/`;
console.log(
  `\nMoodiary demo: ${url}\n  the diary:   ${url}diary/\n  drop-in tag: ${url}drop-in/\nPress Ctrl+C to stop.`,
);

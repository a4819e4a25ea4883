// Removes build output (each package's dist/ and TypeScript's build info), so a
// build never ships stale chunks from an earlier one.
import { readdirSync, rmSync } from 'node:fs';

for (const name of readdirSync('packages')) {
  for (const output of ['dist', 'tsconfig.tsbuildinfo']) {
    rmSync(`packages/${name}/${output}`, { recursive: true, force: true });
  }
}
rmSync('packages/emotion/models', { recursive: true, force: true });
rmSync('packages/elements/deploy', { recursive: true, force: true });

// API docs for every package: `npm run docs` → docs/api.
import { existsSync } from 'node:fs';

const packages = ['core', 'emotion', 'store', 'songs', 'elements']
  .map((name) => `packages/${name}`)
  .filter((dir) => existsSync(`${dir}/src/index.ts`)); // skip a package still being written

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'Moodiary',
  entryPointStrategy: 'packages',
  entryPoints: packages,
  packageOptions: {
    entryPoints: ['src/index.ts'],
    excludePrivate: true,
    excludeInternal: true,
    disableSources: true,
  },
  out: 'docs/api',
  readme: 'README.md',
  skipErrorChecking: true,
  treatWarningsAsErrors: false,
  validation: { notExported: false, invalidLink: false, notDocumented: false },
  disableSources: true,
};

// API docs for every package: `npm run docs` → docs/api.
import { existsSync } from 'node:fs';
import { OptionDefaults } from 'typedoc';

const packages = ['core', 'emotion', 'store', 'songs', 'elements', 'server']
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
    excludeExternals: true,
    // Sibling packages resolve to their built types, which a fresh checkout lacks: the docs need no type check.
    skipErrorChecking: true,
    disableSources: true,
    // Internal types a public one mentions stay off the pages (e.g. the English table behind `StringKey`).
    validation: { notExported: false, invalidLink: false, notDocumented: false },
    // The elements' JSDoc tags for the custom-elements manifest (Storybook reads them there).
    blockTags: [
      ...OptionDefaults.blockTags,
      '@csspart',
      '@cssproperty',
      '@tagname',
      '@slot',
      '@event',
      '@summary',
    ],
  },
  validation: { notExported: false, invalidLink: false, notDocumented: false },
  highlightLanguages: [...OptionDefaults.highlightLanguages, 'csv'],
  out: 'docs/api',
  readme: 'README.md',
  skipErrorChecking: true,
  treatWarningsAsErrors: false,
  disableSources: true,
};

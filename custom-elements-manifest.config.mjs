// `npm run manifest`: the elements' custom-elements.json, read by Storybook and by hosts' tools.
// It lists the public API only: TypeScript's private/protected members, statics and anything
// tagged @internal are dropped (the analyzer keeps them), so no control or doc shows internals.

/** True for a class member a host may use. */
const isPublic = (member) =>
  (member.privacy ?? 'public') === 'public' &&
  !member.static &&
  !member.name.startsWith('#') &&
  !/@internal\b/.test(member.description ?? '');

const publicOnly = {
  name: 'moodiary-public-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules)
      for (const declaration of mod.declarations ?? [])
        if (declaration.members) declaration.members = declaration.members.filter(isPublic);
  },
};

export default {
  globs: ['packages/elements/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.bench.ts', '**/testing/**', '**/scratch/**'],
  litelement: true,
  packagejson: false, // packages/elements/package.json names the manifest already
  plugins: [publicOnly],
};

// Vite config of the npm-import example.
export default {
  resolve: {
    // Inside this repository, read the packages' TypeScript sources (the published packages ship dist/).
    conditions: ['source', 'browser', 'module', 'import', 'default'],
  },
  build: { target: 'es2022' },
  // The models run in @moodiary/emotion's module worker, which Vite bundles on its own.
  worker: { format: 'es' },
};

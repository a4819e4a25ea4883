import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * `@tensorflow-models/face-detection` imports MediaPipe's script runtime at top level
 * even when only its TF.js runtime is used; that UMD file has no ESM exports for Vite.
 */
const mediapipeStub = {
  name: 'moodiary-mediapipe-stub',
  enforce: 'pre' as const,
  resolveId: (id: string) => (id === '@mediapipe/face_detection' ? '\0mediapipe-stub' : undefined),
  load: (id: string) =>
    id === '\0mediapipe-stub' ? 'export const FaceDetection = undefined; export default {};' : undefined,
};

const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Stories run the TypeScript sources of every package, like the tests do.
  viteFinal: async (viteConfig) => ({
    ...viteConfig,
    resolve: { ...viteConfig.resolve, conditions: ['source', 'browser', 'module', 'import', 'default'] },
    plugins: [...(viteConfig.plugins ?? []), mediapipeStub],
    // The models run in @moodiary/emotion's module worker, which Vite bundles on its own: same stub.
    worker: { ...viteConfig.worker, format: 'es', plugins: () => [mediapipeStub] },
  }),
};

export default config;

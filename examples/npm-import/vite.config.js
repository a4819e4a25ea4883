// Vite config of the npm-import example.
// @tensorflow-models/face-detection imports MediaPipe's own runtime even when (like @moodiary/emotion)
// it runs on TensorFlow.js; that import has no ES export Rollup/Rolldown can see. An empty stand-in
// keeps the bundle building and smaller.
const mediapipeStub = () => ({
  name: 'mediapipe-face-detection-stub',
  enforce: 'pre',
  resolveId: (id) => (id === '@mediapipe/face_detection' ? '\0mediapipe-stub' : undefined),
  load: (id) =>
    id === '\0mediapipe-stub' ? 'export const FaceDetection = undefined; export default {};' : undefined,
});

export default {
  resolve: {
    // Inside this repository, read the packages' TypeScript sources (the published packages ship dist/).
    conditions: ['source', 'browser', 'module', 'import', 'default'],
  },
  build: { target: 'es2022' },
  plugins: [mediapipeStub()],
  // The models run in @moodiary/emotion's module worker, which Vite bundles on its own: same stub.
  worker: { format: 'es', plugins: () => [mediapipeStub()] },
};

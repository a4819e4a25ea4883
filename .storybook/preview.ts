import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc by `npm run manifest` (run before Storybook starts).
import manifest from '../packages/elements/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: { controls: { expanded: true } },
  tags: ['autodocs'],
};

export default preview;

import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc by `npm run manifest` (run before Storybook starts).
import manifest from '../packages/elements/custom-elements.json';

// Read-only getters (`cameraActive`, `language`…) are documented there but cannot be set: no control.
setCustomElementsManifest({
  ...manifest,
  modules: manifest.modules.map((mod) => ({
    ...mod,
    declarations: mod.declarations?.map((d) =>
      'members' in d && d.members
        ? { ...d, members: d.members.filter((m) => !('readonly' in m && m.readonly)) }
        : d,
    ),
  })),
});

const preview: Preview = {
  parameters: { controls: { expanded: true } },
  tags: ['autodocs'],
};

export default preview;

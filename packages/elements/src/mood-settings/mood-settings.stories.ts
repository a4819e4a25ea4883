import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-settings.js';
import { FakeStore, generateEntries } from '../internal/testing/fakes.js';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

const meta: Meta = {
  title: 'Elements/mood-settings',
  component: 'mood-settings',
  ...LOOK,
};
export default meta;

type Args = LookArgs;
type Story = StoryObj<Args>;

/** A diary this page unlocked: export, import and delete (the deletion here only waits). */
export const Default: Story = {
  render: (args) =>
    html`<mood-settings
      lang=${args.lang}
      theme=${args.theme}
      profile-name="민지"
      .store=${new FakeStore(generateEntries(30))}
      .deleteDiary=${() => new Promise<void>((resolve) => setTimeout(resolve, 500))}
    ></mood-settings>`,
};

/** 한국어, a host's own store: nothing offers to delete it. */
export const HostStore: Story = {
  args: { lang: 'ko' },
  render: (args) =>
    html`<mood-settings lang=${args.lang} theme=${args.theme} .store=${new FakeStore()}></mood-settings>`,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-sign-in.js';
import { openDiary } from '@moodiary/store';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

const meta: Meta = {
  title: 'Elements/mood-sign-in',
  component: 'mood-sign-in',
  ...LOOK,
};
export default meta;

type Args = LookArgs;
type Story = StoryObj<Args>;

/** Creating the first diary on a device: a real `@moodiary/store` diary in its own database. */
export const SignUp: Story = {
  loaders: [
    async () => ({
      diary: await openDiary({ name: `storybook-sign-in-${Date.now()}`, kdfIterations: 10_000 }),
    }),
  ],
  render: (args, { loaded }) =>
    html`<mood-sign-in lang=${args.lang} theme=${args.theme} .diary=${loaded.diary}></mood-sign-in>`,
};

/** Opening one of two diaries (passphrases `passphrase-1` and `passphrase-2`). */
export const LogIn: Story = {
  args: { lang: 'ko' },
  loaders: [
    async () => {
      const diary = await openDiary({ name: `storybook-sign-in-${Date.now()}`, kdfIterations: 10_000 });
      await diary.createProfile('민지', 'passphrase-1');
      await diary.createProfile('Sam', 'passphrase-2');
      return { diary, profiles: await diary.listProfiles() };
    },
  ],
  render: (args, { loaded }) =>
    html`<mood-sign-in
      lang=${args.lang}
      theme=${args.theme}
      mode="log-in"
      .diary=${loaded.diary}
      .profiles=${loaded.profiles}
    ></mood-sign-in>`,
};

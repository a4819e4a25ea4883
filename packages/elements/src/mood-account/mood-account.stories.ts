import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-account.js';
import { openDiary } from '@moodiary/store';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

const meta: Meta = {
  title: 'Elements/mood-account',
  component: 'mood-account',
  ...LOOK,
};
export default meta;

type Args = LookArgs;
type Story = StoryObj<Args>;

/**
 * Creating an account on a sync server (a local `@moodiary/server`, `npm start` in packages/server):
 * a real diary in its own database; submitting needs that server running.
 */
export const SignUp: Story = {
  loaders: [
    async () => ({
      diary: await openDiary({ name: `storybook-account-${Date.now()}`, kdfIterations: 10_000 }),
    }),
  ],
  render: (args, { loaded }) =>
    html`<mood-account
      lang=${args.lang}
      theme=${args.theme}
      server="http://127.0.0.1:8787"
      .diary=${loaded.diary}
    ></mood-account>`,
};

/** Logging in to an account made on another device. */
export const LogIn: Story = {
  args: { lang: 'ko' },
  loaders: [
    async () => ({
      diary: await openDiary({ name: `storybook-account-${Date.now()}`, kdfIterations: 10_000 }),
    }),
  ],
  render: (args, { loaded }) =>
    html`<mood-account
      lang=${args.lang}
      theme=${args.theme}
      mode="log-in"
      server="http://127.0.0.1:8787"
      .diary=${loaded.diary}
    ></mood-account>`,
};

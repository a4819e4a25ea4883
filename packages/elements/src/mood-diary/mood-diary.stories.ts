import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-diary.js';
import { FakeDetector, FakeStore, fakeFace, generateEntries } from '../internal/testing/fakes.js';
import { openDiary } from '@moodiary/store';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

const meta: Meta = {
  title: 'Elements/mood-diary',
  component: 'mood-diary',
  ...LOOK,
};
export default meta;

type Args = LookArgs;
type Story = StoryObj<Args>;

const detector = new FakeDetector([fakeFace('happy', { x: 236, y: 130, width: 168, height: 200 })]);

/** Renders the diary on the `diary` a story's loader opened. */
const withDiary: Story['render'] = (args, { loaded }) =>
  html`<mood-diary
    lang=${args.lang}
    theme=${args.theme}
    .detector=${detector}
    .diary=${loaded.diary}
  ></mood-diary>`;

/** Sign-up on a fresh device: a real `@moodiary/store` diary in its own database. */
export const SignUp: Story = {
  loaders: [
    async () => ({ diary: await openDiary({ name: `storybook-${Date.now()}`, kdfIterations: 10_000 }) }),
  ],
  render: withDiary,
};

/** A host that handles accounts itself: an open store with two months of entries, on the tracker. */
export const WithEntries: Story = {
  render: (args) =>
    html`<mood-diary
      lang=${args.lang}
      theme=${args.theme}
      tab="tracker"
      .detector=${detector}
      .store=${new FakeStore(generateEntries(60))}
    ></mood-diary>`,
};

/** 한국어, today's entry. */
export const Korean: Story = {
  args: { lang: 'ko' },
  render: (args) =>
    html`<mood-diary
      lang=${args.lang}
      theme=${args.theme}
      .detector=${detector}
      .store=${new FakeStore()}
    ></mood-diary>`,
};

/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) =>
    html`<div style="background:#141010;padding:1rem">
      <mood-diary
        lang=${args.lang}
        theme=${args.theme}
        tab="tracker"
        .store=${new FakeStore(generateEntries(400))}
      ></mood-diary>
    </div>`,
};

/** Log-in on a device that already has two diaries. */
export const LogIn: Story = {
  loaders: [
    async () => {
      const diary = await openDiary({ name: `storybook-login-${Date.now()}`, kdfIterations: 10_000 });
      await diary.createProfile('민지', 'passphrase-1');
      await diary.createProfile('Sam', 'passphrase-2');
      return { diary };
    },
  ],
  render: withDiary,
};

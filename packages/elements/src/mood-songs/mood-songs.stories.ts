import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-songs.js';
import { probabilitiesFor } from '../internal/testing/fakes.js';
import type { EmotionLabel } from '@moodiary/core';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

/** Uses the real default catalogue and matcher of `@moodiary/songs` (plain data, no network). */
const meta: Meta = {
  title: 'Elements/mood-songs',
  component: 'mood-songs',
  args: { ...LOOK.args, mode: 'match', label: 'sad', selectable: false },
  argTypes: {
    ...LOOK.argTypes,
    mode: { control: 'inline-radio', options: ['match', 'lift'] },
    label: { control: 'select', options: ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'] },
  },
};
export default meta;

type Args = LookArgs & { mode: 'match' | 'lift'; label: EmotionLabel; selectable: boolean };
type Story = StoryObj<Args>;

const render = (args: Args) =>
  html`<mood-songs
    lang=${args.lang}
    theme=${args.theme}
    mode=${args.mode}
    ?selectable=${args.selectable}
    .probabilities=${probabilitiesFor(args.label, 0.75)}
  ></mood-songs>`;

export const MatchMyMood: Story = { render };
export const LiftMeUp: Story = { args: { mode: 'lift', label: 'anxious' }, render };
export const Selectable: Story = { args: { selectable: true, label: 'happy' }, render };
export const Korean: Story = { args: { lang: 'ko' }, render };
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => html`<div style="background:#141010;padding:1rem">${render(args)}</div>`,
};
/** A matcher that fails. */
export const Failed: Story = {
  render: (args) =>
    html`<mood-songs
      lang=${args.lang}
      .matcher=${() => Promise.reject(new Error('offline'))}
      .probabilities=${probabilitiesFor('sad')}
    ></mood-songs>`,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-entry-form.js';
import type { MoodEntryFormState } from './mood-entry-form.js';
import type { MoodEntryValue } from '../internal/types.js';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

/** The words of an entry, as the camera, writing by hand and the tracker's editor show them. */
const meta: Meta = {
  title: 'Elements/mood-entry-form',
  component: 'mood-entry-form',
  args: { ...LOOK.args, chooseDate: true, state: 'ready' },
  argTypes: {
    ...LOOK.argTypes,
    state: { control: 'inline-radio', options: ['ready', 'busy', 'disabled'] },
  },
};
export default meta;

type Args = LookArgs & { chooseDate: boolean; state: MoodEntryFormState };
type Story = StoryObj<Args>;

const TODAY = '2026-11-24';

const render = (value: Partial<MoodEntryValue>) => (args: Args) =>
  html`<mood-entry-form
    lang=${args.lang}
    theme=${args.theme}
    state=${args.state}
    today=${TODAY}
    ?choose-date=${args.chooseDate}
    .value=${value}
  ></mood-entry-form>`;

/** Nothing written yet: Save waits for a label. */
export const Empty: Story = { render: render({}) };
/** An entry with words, for a missed day. */
export const Written: Story = {
  render: render({
    label: 'happy',
    note: 'Picnic by the river',
    tags: ['friends', '소풍'],
    localDate: '2026-11-21',
  }),
};
/** What does not fit is said before Save: more tags than an entry holds, and a day to come. */
export const Problems: Story = {
  render: render({
    label: 'sad',
    tags: Array.from({ length: 34 }, (_, i) => `tag${i + 1}`),
    localDate: '2026-11-30',
  }),
};
/** Saving. */
export const Busy: Story = {
  args: { state: 'busy' },
  render: render({ label: 'neutral', note: 'Quiet day' }),
};
/** 한국어. */
export const Korean: Story = { args: { lang: 'ko' }, render: render({ label: 'anxious', note: '발표 전' }) };
/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) =>
    html`<div style="background:#141010;padding:1rem">${render({ label: 'embarrassed' })(args)}</div>`,
};

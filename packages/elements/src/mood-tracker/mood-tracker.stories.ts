import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/mood-tracker.js';
import { generateEntries } from '../internal/testing/fakes.js';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

/** Entries are generated plain data (the same shape `@moodiary/store` keeps). */
const meta: Meta = {
  title: 'Elements/mood-tracker',
  component: 'mood-tracker',
  args: { ...LOOK.args, view: 'month' },
  argTypes: {
    ...LOOK.argTypes,
    view: { control: 'inline-radio', options: ['month', 'year'] },
  },
};
export default meta;

type Args = LookArgs & { view: 'month' | 'year' };
type Story = StoryObj<Args>;

const TODAY = '2026-11-24';
const tenYears = generateEntries(3650, TODAY);
const twoMonths = generateEntries(60, TODAY, 3);

const render = (entries: ReturnType<typeof generateEntries>) => (args: Args) =>
  html`<mood-tracker
    lang=${args.lang}
    theme=${args.theme}
    view=${args.view}
    today=${TODAY}
    .entries=${entries}
  ></mood-tracker>`;

/** A new diary. */
export const Empty: Story = { render: render([]) };
/** Two months of entries. */
export const Month: Story = { render: render(twoMonths) };
/** Ten years of entries, year in pixels. */
export const TenYears: Story = { args: { view: 'year' }, render: render(tenYears) };
/** Ten years, month calendar. */
export const TenYearsMonth: Story = { render: render(tenYears) };
/** 한국어. */
export const Korean: Story = { args: { lang: 'ko' }, render: render(twoMonths) };
/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark', view: 'year' },
  render: (args) => html`<div style="background:#141010;padding:1rem">${render(tenYears)(args)}</div>`,
};

/** Waiting for a slow store. */
export const Loading: Story = {
  render: (args) =>
    html`<mood-tracker
      lang=${args.lang}
      theme=${args.theme}
      today=${TODAY}
      .store=${{ all: () => new Promise(() => {}), add: async () => ({}), update: async () => ({}), delete: async () => ({}) } as never}
    ></mood-tracker>`,
};

import type { Meta } from '@storybook/web-components-vite';

/** What every element's stories share: a language and a theme to switch (English, light at first). */
export const LOOK = {
  args: { lang: 'en', theme: 'light' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'ko'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
} satisfies Pick<Meta, 'args' | 'argTypes'>;

export type LookArgs = { lang: string; theme: string };

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = { title: 'Foundation/Placeholder' };
export default meta;

export const Placeholder: StoryObj = { render: () => html`<p>Moodiary elements arrive here.</p>` };

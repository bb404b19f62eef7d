import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  // Stories sit on a Chinese page, as on a portal; the English story sets lang="en" itself.
  decorators: [(story) => html`<div lang="zh-CN">${story()}</div>`],
};

export default preview;

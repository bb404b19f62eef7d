import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
// Built by the elements' build (npm run build); the storybook scripts build first.
import manifest from '../packages/elements/dist/custom-elements.json';

// Attributes, properties, events, parts and custom properties on every docs page.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  // Stories sit on a Chinese page, as on a portal; the English story sets lang="en" itself.
  decorators: [(story) => html`<div lang="zh-CN">${story()}</div>`],
};

export default preview;

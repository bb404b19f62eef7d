import type { Report } from '@disclosure-report/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/index.js';
import { city, seed } from './reports.js';

interface Args {
  report: Report;
  lang: '' | 'zh-CN' | 'en';
  showFindings: boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/Single tables',
  argTypes: {
    lang: { control: 'inline-radio', options: ['', 'zh-CN', 'en'] },
    showFindings: { control: 'boolean', name: 'show-findings' },
  },
  args: { report: city, lang: '', showFindings: true },
};
export default meta;

type Story = StoryObj<Args>;

/** `<disclosure-requests-table>` with `<disclosure-findings for>`: a finding focuses its cell. */
export const RequestsTableWithFindings: Story = {
  render: (args) => html`<disclosure-requests-table
      id="t3"
      .report=${args.report}
      lang=${args.lang || nothing}
      ?show-findings=${args.showFindings}
    ></disclosure-requests-table>
    <disclosure-findings for="t3" .report=${args.report} lang=${args.lang || nothing}></disclosure-findings>`,
};

export const ActiveTable: Story = {
  args: { report: seed, showFindings: false },
  render: (args) => html`<disclosure-active-table .report=${args.report} lang=${args.lang || nothing}></disclosure-active-table>`,
};

export const ReviewsTable: Story = {
  render: (args) => html`<disclosure-reviews-table
    .report=${args.report}
    lang=${args.lang || nothing}
    ?show-findings=${args.showFindings}
  ></disclosure-reviews-table>`,
};

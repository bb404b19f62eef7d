import { type Report, blankReport } from '@disclosure-report/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/index.js';
import { city, lastYearOf, report2019, seed } from './reports.js';

interface Args {
  report: Report | null;
  src: string;
  lang: 'zh-CN' | 'en' | '';
  showFindings: boolean;
  printPreview: boolean;
  compare: boolean;
  previous: Report | null;
}

const meta: Meta<Args> = {
  title: 'Elements/disclosure-report',
  component: 'disclosure-report',
  argTypes: {
    report: { control: 'object' },
    src: { control: 'text' },
    lang: { control: 'inline-radio', options: ['', 'zh-CN', 'en'] },
    showFindings: { control: 'boolean', name: 'show-findings' },
    printPreview: { control: 'boolean', name: 'print-preview' },
    compare: { control: 'boolean' },
    previous: { control: 'object' },
  },
  args: { report: seed, src: '', lang: '', showFindings: false, printPreview: false, compare: false, previous: null },
  render: (args) => html`<disclosure-report
    .report=${args.report}
    src=${args.src || nothing}
    lang=${args.lang || nothing}
    ?show-findings=${args.showFindings}
    ?print-preview=${args.printPreview}
    ?compare=${args.compare}
    .previous=${args.previous}
  ></disclosure-report>`,
};
export default meta;

type Story = StoryObj<Args>;

/** 陈家坝镇人民政府 2023: the seed report of the corpus (a real one). */
export const Seed: Story = {};

/** A large city department's report with mistakes: the findings of the checks, cells marked. */
export const LargeCityWithFindings: Story = {
  args: { report: city, showFindings: true },
};

/**
 * One wrong figure: （一）予以公开·总计 says 231 where its parts add up to 213. Core pinpoints that
 * cell (`suspect.cell`): it alone is marked, and the list names it first; the sums it breaks are
 * listed after it, their other cells plain. Table 四's 未经复议直接起诉 has one equation only:
 * no cell can be pinpointed there, so its cells are tinted and the finding says why.
 */
export const SuspectCell: Story = {
  name: 'Suspect cell (one wrong figure)',
  args: { report: city, showFindings: true },
};

/**
 * Last year beside this year (`compare` with `previous`): under each figure last year's and the
 * change (▲/▼, and in words for screen readers; blank and 0 kept apart), and the sentences of the
 * texts that repeat last year's marked.
 */
export const CompareWithLastYear: Story = {
  name: 'Compare with last year',
  args: { report: city, compare: true, previous: lastYearOf(city) },
};

/** A new report: every cell blank (not 0) and the sections empty. */
export const Blank: Story = {
  args: { report: blankReport('2021', { agency: '某县某局', year: 2024 }), showFindings: true },
};

/** The 2019 format: its own table 二 (本年增/减 may be negative) and one （六）其他处理 row. */
export const Format2019: Story = {
  args: { report: report2019() },
};

/** English labels and messages (`lang="en"`); the report's own words stay Chinese. */
export const English: Story = {
  args: { report: city, lang: 'en', showFindings: true },
};

/** A phone: the tables scroll sideways in a focusable region, row labels kept in view. */
export const NarrowViewport: Story = {
  args: { report: city, showFindings: true },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => html`<div style="max-width: 360px; border: 1px dashed #999">${story()}</div>`],
};

/** The print layout on screen (A4 width, true black, no UI chrome); Ctrl+P gives the same. */
export const Print: Story = {
  args: { report: city, showFindings: true, printPreview: true },
};

/** Loading from `src` and an error shown in the element. */
export const LoadError: Story = {
  args: { report: null, src: '/no-such-report.json' },
};

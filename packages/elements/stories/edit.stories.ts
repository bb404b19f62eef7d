import { type Report, blankReport, getCell, taxonomy, textSectionKeys, withCell } from '@disclosure-report/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../src/index.js';
import type { DisclosureReportElement } from '../src/index.js';
import { city, seed } from './reports.js';

interface Args {
  report: Report;
  previous: Report | null;
  lang: '' | 'zh-CN' | 'en';
  autoTotals: boolean;
  noToolbar: boolean;
  noDrafts: boolean;
  draftKey: string;
}

const meta: Meta<Args> = {
  title: 'Edit',
  component: 'disclosure-report',
  argTypes: {
    lang: { control: 'inline-radio', options: ['', 'zh-CN', 'en'] },
    autoTotals: { control: 'boolean', name: 'auto-totals' },
    noToolbar: { control: 'boolean', name: 'no-toolbar' },
    noDrafts: { control: 'boolean', name: 'no-drafts' },
    draftKey: { control: 'text', name: 'draft-key' },
  },
  args: { report: seed, previous: null, lang: '', autoTotals: false, noToolbar: false, noDrafts: false, draftKey: '' },
  render: (args) => html`<disclosure-report
    mode="edit"
    .report=${args.report}
    .previous=${args.previous}
    lang=${args.lang || nothing}
    draft-key=${args.draftKey || nothing}
    ?auto-totals=${args.autoTotals}
    ?no-toolbar=${args.noToolbar}
    ?no-drafts=${args.noDrafts}
  ></disclosure-report>`,
};
export default meta;

type Story = StoryObj<Args>;

const editorIn = (canvas: HTMLElement) => canvas.querySelector('disclosure-report') as DisclosureReportElement;

/**
 * Fill in the seed report (陈家坝镇人民政府 2023) from an empty one, as its author would: the
 * agency, year and title, every number of tables 二, 三 and 四, and the three text sections. The
 * play function types it all and ends with no error findings.
 */
export const FillInSeedFromEmpty: Story = {
  name: 'Fill in the seed from empty',
  args: { report: blankReport('2021', {}) as Report, noDrafts: true },
  play: async ({ canvasElement, step }) => {
    const el = editorIn(canvasElement);
    await el.updateComplete;
    const root = el.shadowRoot!;
    await step('agency, year and title', async () => {
      const field = (name: string) => root.querySelector<HTMLInputElement>(`[data-meta="${name}"]`)!;
      await userEvent.type(field('agency'), seed.agency);
      // Replace the year (user-event's clear() does not follow focus into shadow roots).
      const year = field('year');
      await userEvent.type(year, String(seed.year), { initialSelectionStart: 0, initialSelectionEnd: year.value.length });
      await userEvent.type(field('title'), seed.title);
    });
    await step('every number, cell by cell', async () => {
      for (const cell of taxonomy('2021').cells) {
        const input = root.querySelector<HTMLInputElement>(`td[data-cell="${cell.id}"] input`)!;
        const value = cell.id.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], seed);
        await userEvent.type(input, String(value));
      }
    });
    await step('the text sections', async () => {
      for (const key of textSectionKeys) {
        const area = root.querySelector<HTMLTextAreaElement>(`textarea[data-section="${key}"]`)!;
        // user-event's paste() does not follow focus into shadow roots; type() targets the element.
        await userEvent.type(area, seed.sections[key]);
      }
    });
    await step('no error findings', async () => {
      await waitFor(() => expect(el.value).toEqual(seed));
      await expect(el.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  },
};

/** The seed report opened for editing: every cell an input, findings live under the report. */
export const EditSeed: Story = { args: { draftKey: 'storybook:edit-seed' } };

/** A new report with totals computed from their parts (`auto-totals`): totals are read-only, marked 自动. */
export const AutoTotals: Story = {
  args: { report: blankReport('2021', { agency: '某县某局', year: 2024 }) as Report, autoTotals: true, draftKey: 'storybook:auto' },
};

/** With last year's report (`previous`): the across-year checks run as you type (carried over ≠ last year's carried forward). */
export const WithLastYear: Story = {
  args: {
    report: city,
    previous: withCell({ ...city, year: city.year - 1 }, 'requests.carriedForward.total', 9),
    draftKey: 'storybook:previous',
  },
};

/**
 * The suspect's one-step fix: 「改为 213」 on the first finding sets （一）予以公开·总计 to what its
 * parts add up to, as one undo step (the play function applies it and undoes it).
 */
export const FixTheSuspect: Story = {
  name: 'Fix the suspect cell',
  args: { report: city, noDrafts: true },
  play: async ({ canvasElement, step }) => {
    const el = editorIn(canvasElement);
    await el.updateComplete;
    const fix = () => el.shadowRoot!.querySelector<HTMLButtonElement>('li[data-rule="suspect.cell"] [part~="finding-fix"]');
    await step('改为 213', async () => {
      await waitFor(() => expect(fix()?.textContent?.trim()).toBe('改为 213'));
      await userEvent.click(fix()!);
      await waitFor(() => expect(getCell(el.value!, 'requests.granted.total')).toBe(213));
      await expect(fix()).toBeNull();
    });
    await step('one undo step brings 231 back', async () => {
      el.undo();
      await expect(getCell(el.value!, 'requests.granted.total')).toBe(231);
    });
  },
};

/**
 * Calm filling: a new form lists no findings until its cells are filled in; the summary says how
 * many wait, and 检查全部 in the toolbar shows them all.
 */
export const CalmNewForm: Story = {
  name: 'Calm filling (a new form)',
  args: { report: blankReport('2021', { agency: '某县某局', year: 2024 }) as Report, noDrafts: true },
};

/** English UI; the report's own words stay Chinese. */
export const English: Story = { args: { report: city, lang: 'en', draftKey: 'storybook:en' } };

/** Inside a form: the report JSON is the field's value; error findings block submission (`form.reportValidity()`). */
export const InAForm: Story = {
  args: { draftKey: 'storybook:form' },
  render: (args) => html`<form
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      (e.target as HTMLFormElement).querySelector('output')!.textContent = `已提交 ${String(data.get('report')).length} 字节的 JSON`;
    }}
  >
    <disclosure-report mode="edit" name="report" .report=${args.report} draft-key=${args.draftKey}></disclosure-report>
    <p><button>提交</button> <output></output></p>
  </form>`,
};

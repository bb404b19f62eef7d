/**
 * 从台账生成: tables 三 and 四 counted from the office's ledgers (CSV, or .xlsx where the
 * importers are loaded) by core's tallyLedger, applied to the report as one undo step. What the
 * tally leaves to know stays on screen until dismissed: how many lines were counted, each line
 * that could not be (with its number: then nothing is filled in), each label read loosely, and
 * for every filled cell the ledger lines behind its figure (its provenance, in the cell's title).
 */
import { type Lang, type Ledger, type LedgerNote, type LedgerTally, type Report, ledgerTemplate, tallyLedger, withTally } from '@disclosure-report/core';
import { type ReactiveController, type ReactiveControllerHost, type TemplateResult, html, nothing } from 'lit';
import type { DisclosureChangeDetail } from '../events.js';
import { type DisclosureStrings, format } from '../i18n.js';
import { ledgerWorkbook, workbookTemplate } from './import-other.js';

/** The largest ledger file read (bytes). */
const ledgerMaxBytes = 64 * 1024 * 1024;

/** How many notes the summary lists before it says how many more there are. */
const listed = 20;

/** A CSV's text: UTF-8 (with or without a BOM), else GB18030 (how Excel and WPS save CSV in China). */
function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Which ledger a CSV is, by its header. */
const kindOf = (csv: string): 'requests' | 'appeals' | null => {
  const header = (csv.split(/\r?\n/, 1)[0] ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (header.includes('申请人类型') || header.includes('办理结果')) return 'requests';
  if (header.includes('类型') && header.includes('结果')) return 'appeals';
  return null;
};

export class LedgerController implements ReactiveController {
  /** The last tally (applied, or refused when `ok` is false), or null. */
  tally: LedgerTally | null = null;
  /** Cells filled from the tally and not edited since: their provenance is shown. */
  readonly filled = new Set<string>();
  /** A message about the files themselves (unreadable, no ledger in them), or null. */
  problem: string | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('disclosure-change', this.#onChange);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('disclosure-change', this.#onChange);
  }

  /**
   * Reads the ledger files (the requests ledger, and the appeals ledger when given: told apart by
   * their headers) and counts them for `report`'s year. Returns the report with tables 三 and 四
   * filled, or null when a line cannot be counted or the files cannot be read (said in `render`).
   */
  async tallyFiles(files: readonly File[], report: Report, lang: Lang, s: DisclosureStrings): Promise<Report | null> {
    this.problem = null;
    this.tally = null;
    this.filled.clear();
    const found: { requests?: Ledger; appeals?: Ledger } = {};
    try {
      for (const file of files) {
        // A ledger of 100,000 requests is some 5 MB: far larger is not a ledger, and reading it whole would hold the page.
        if (file.size > ledgerMaxBytes) throw new Error(format(s.ledgerTooLarge, { name: file.name }));
        const bytes = new Uint8Array(await file.arrayBuffer());
        let ledgers: { requests?: Ledger; appeals?: Ledger };
        if (/\.xlsx$/i.test(file.name)) ledgers = await ledgerWorkbook(bytes);
        else {
          const text = csvText(bytes);
          const kind = kindOf(text);
          ledgers = kind ? { [kind]: text } : {};
        }
        if (!ledgers.requests && !ledgers.appeals) throw new Error(format(s.ledgerNotLedger, { name: file.name }));
        Object.assign(found, ledgers);
      }
    } catch (error) {
      const e = error as Error;
      this.problem = e.name === 'WorkbooksUnavailable' ? s.ledgerXlsxUnavailable : String(e.message ?? error);
      this.host.requestUpdate();
      return null;
    }
    if (found.requests === undefined) {
      this.problem = s.ledgerNoRequests;
      this.host.requestUpdate();
      return null;
    }
    if (report.format !== '2021') {
      this.problem = s.ledgerFormat;
      this.host.requestUpdate();
      return null;
    }
    const tally = tallyLedger(found.requests, { year: report.year, ...(found.appeals !== undefined ? { appeals: found.appeals } : {}), lang });
    this.tally = tally;
    this.host.requestUpdate();
    if (!tally.ok) return null;
    for (const id of Object.keys(tally.cells)) this.filled.add(id);
    return withTally(report, tally);
  }

  // Titles made once per tally and language: cells ask on every render.
  #titles = new Map<string, string>();
  #titlesFor: { tally: LedgerTally; strings: DisclosureStrings } | null = null;

  /** The ledger lines behind a filled cell's figure, for its title; undefined for another cell. */
  provenance(cellId: string, s: DisclosureStrings): string | undefined {
    const tally = this.tally;
    if (!tally?.ok || !this.filled.has(cellId)) return undefined;
    if (this.#titlesFor?.tally !== tally || this.#titlesFor.strings !== s) {
      this.#titles = new Map();
      this.#titlesFor = { tally, strings: s };
    }
    let title = this.#titles.get(cellId);
    if (title === undefined) this.#titles.set(cellId, (title = this.#title(tally, cellId, s)));
    return title;
  }

  #title(tally: LedgerTally, cellId: string, s: DisclosureStrings): string {
    const lines = tally.lines[cellId];
    if (!lines?.length) return cellId.endsWith('.total') || cellId.startsWith('requests.resultsTotal') ? s.ledgerSum : s.ledgerNone;
    const numbers = (ledger: string) => lines.filter((l) => l.startsWith(`${ledger}:`)).map((l) => l.slice(ledger.length + 1));
    const [requests, appeals] = [numbers('requests'), numbers('appeals')];
    const shown = (xs: string[]) => (xs.length > 12 ? `${xs.slice(0, 12).join('、')}…（${xs.length}）` : xs.join('、'));
    return format(requests.length ? s.ledgerLines : s.ledgerAppealLines, { lines: shown(requests.length ? requests : appeals) });
  }

  /** Forgets the last tally (the summary and the provenance go). */
  clear(): void {
    this.tally = null;
    this.problem = null;
    this.filled.clear();
    this.host.requestUpdate();
  }

  /** Whether the template can be had as a workbook (.xlsx): where the importers are loaded. */
  get workbookTemplate(): boolean {
    return workbookTemplate() !== null;
  }

  /**
   * Downloads a ledger template: CSV with a BOM (which Excel and WPS open as it is), or one
   * workbook with both ledgers (`xlsx`, where the importers are loaded).
   */
  async downloadTemplate(ledger: 'requests' | 'appeals' | 'xlsx', s: DisclosureStrings): Promise<void> {
    const write = workbookTemplate();
    const blob =
      ledger === 'xlsx'
        ? write
          ? new Blob([(await write()).slice()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
          : null
        : new Blob([ledgerTemplate(ledger)], { type: 'text/csv;charset=utf-8' });
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = ledger === 'requests' ? s.ledgerTemplateFile : ledger === 'appeals' ? s.ledgerAppealsTemplateFile : s.ledgerWorkbookFile;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** The tally's summary: what was counted, or why nothing was filled in, and each note by its line. */
  render(s: DisclosureStrings): TemplateResult | typeof nothing {
    const t = this.tally;
    if (!t && !this.problem) return nothing;
    const dismiss = html`<button type="button" data-action="dismiss-ledger" part="toolbar-button">${s.importDismiss}</button>`;
    if (this.problem) {
      return html`<div class="ledger-summary" part="ledger-summary" role="alert"><span>${format(s.ledgerFailed, { detail: this.problem })}</span>${dismiss}</div>`;
    }
    const tally = t as LedgerTally;
    const errors = tally.notes.filter((n) => n.level === 'error');
    const notes = tally.ok ? tally.notes : errors;
    const line = (n: LedgerNote) =>
      html`<li>${n.line !== undefined ? format(n.ledger === 'appeals' ? s.ledgerAppealLine : s.ledgerLine, { line: n.line }) : ''}${n.message}</li>`;
    const head = tally.ok
      ? format(tally.read.appeals ? s.ledgerFilledBoth : s.ledgerFilled, { requests: tally.read.requests, appeals: tally.read.appeals })
      : format(s.ledgerRefused, { count: errors.length });
    return html`<div class="ledger-summary" part="ledger-summary" role=${tally.ok ? 'status' : 'alert'}>
      <span>${head}</span>${dismiss}
      ${notes.length
        ? html`<ul part="ledger-notes">
            ${notes.slice(0, listed).map(line)}${notes.length > listed ? html`<li>${format(s.ledgerMore, { count: notes.length - listed })}</li>` : nothing}
          </ul>`
        : nothing}
    </div>`;
  }

  // An edited cell no longer holds the ledger's figure; another report forgets the tally.
  #onChange = (e: Event): void => {
    if (!this.tally) return;
    const { cause, cells } = (e as CustomEvent<DisclosureChangeDetail>).detail;
    if (cause === 'format' || cause === 'restore' || cause === 'reset' || cause === 'import') this.clear();
    else if (cause !== 'ledger' && cause !== 'undo' && cause !== 'redo') for (const id of cells ?? []) this.filled.delete(id);
  };
}

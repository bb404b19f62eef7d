import { parseArgs } from 'node:util';
import { type Lang, type Ledger, type LedgerNote, type Report, blankReport, ledgerTemplate, scriptSafeJson, tallyLedger, withTally } from '@disclosure-report/core';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport, readBytes } from '../load.js';
import { fileLine, messages } from '../messages.js';
import { writeResult } from '../output.js';

/**
 * A ledger file's ledgers as CSV text: a CSV file (UTF-8 with or without a BOM, or GB18030, as
 * Excel and WPS save CSV in China) is the one ledger `kind` asks for; a workbook (.xlsx) has its
 * sheets told apart by their headers.
 */
async function ledgersIn(file: string, kind: 'requests' | 'appeals', lang: Lang): Promise<{ requests?: Ledger; appeals?: Ledger }> {
  const m = messages(lang);
  const bytes = await readBytes(file, m);
  const { decodeText, ledgerFromXlsx, ImportError } = await import('@disclosure-report/import');
  if (!/\.xlsx$/i.test(file)) return { [kind]: decodeText(bytes, { form: 'text' }).text };
  try {
    const book = await ledgerFromXlsx(bytes);
    if (book[kind] === undefined) throw new InputError(file, m.noLedgerSheet(kind, book.sheets.map((x) => x.name)));
    return book;
  } catch (e) {
    if (e instanceof ImportError) throw new InputError(file, m.cannotRead(e.message));
    throw e;
  }
}

/**
 * Runs `tally`: tables 三 and 四 counted from the office's ledgers (core's tallyLedger), written as
 * a new report (-o, or standard output) or into an existing one (--into); `--template` writes the
 * CSV templates. Exit 0 when every line was counted, 2 when a line could not be (each named with
 * its line; nothing is written) or a file cannot be read or written.
 */
export async function runTally(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      appeals: { type: 'string' },
      out: { type: 'string', short: 'o' },
      into: { type: 'string' },
      agency: { type: 'string' },
      template: { type: 'boolean' },
    },
  });
  if (values.template) {
    if (positionals.length > 1) throw new UsageError(m.unexpectedArgument(positionals[1] as string));
    const which = positionals[0] ?? 'requests';
    if (which !== 'requests' && which !== 'appeals' && which !== 'xlsx') throw new UsageError(m.badTemplate(which));
    if (which === 'xlsx' && !values.out) throw new UsageError(m.xlsxNeedsOut);
    const text = which === 'xlsx' ? await (await import('@disclosure-report/import')).ledgerTemplateXlsx() : ledgerTemplate(which);
    if (!(await writeResult(io, values.out, text, lang))) return exitCodes.input;
    return exitCodes.ok;
  }
  const [ledger, ...extra] = positionals;
  if (!ledger) throw new UsageError(m.needsFiles('tally'));
  if (extra.length) throw new UsageError(m.unexpectedArgument(extra[0] as string));
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year) || year < 2008 || year > 2100) throw new UsageError(m.badYear(values.year ?? ''));
  if (values.out && values.into) throw new UsageError(m.outAndInto);

  let tally: ReturnType<typeof tallyLedger>;
  let target: Report | undefined;
  try {
    const book = await ledgersIn(ledger, 'requests', lang);
    const requests = book.requests as Ledger;
    // A workbook's appeals sheet, unless a ledger of appeals is given on its own.
    const appeals = values.appeals ? (await ledgersIn(values.appeals, 'appeals', lang)).appeals : book.appeals;
    if (values.into) target = await loadReport(values.into, false, lang);
    tally = tallyLedger(requests, { year, ...(appeals !== undefined ? { appeals } : {}), lang });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
    return exitCodes.input;
  }
  const fileOf = (n: LedgerNote) => (n.ledger === 'appeals' ? (values.appeals as string) : ledger);
  for (const n of tally.notes) {
    // The messages name the column themselves.
    const where = n.line !== undefined ? `${m.lineNumber(n.line)}${m.colon}` : '';
    io.stderr(`${fileLine(m, fileOf(n), `${m.ledgerLevel[n.level]}${m.colon}${where}${n.message}`)}\n`);
  }
  if (!tally.ok) {
    io.stderr(`${m.tallyRefused(tally.notes.filter((n) => n.level === 'error').length)}\n`);
    return exitCodes.input;
  }
  let report: Report;
  try {
    report = target ? withTally(target, tally) : withTally(blankReport('2021', { year, ...(values.agency ? { agency: values.agency } : {}) }), tally);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    io.stderr(`${fileLine(m, values.into as string, m.intoMismatch(year))}\n`);
    return exitCodes.input;
  }
  const text = `${scriptSafeJson(report, 2)}\n`;
  const out = values.into ?? values.out;
  if (!(await writeResult(io, out, text, lang))) return exitCodes.input;
  io.stderr(`${m.tallied(tally.read.requests, tally.read.appeals, year, out)}\n`);
  return exitCodes.ok;
}

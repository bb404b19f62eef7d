import { parseArgs } from 'node:util';
import { AggregateError, type Lang, RegionSum, scriptSafeJson } from '@disclosure-report/core';
import { expandPaths } from '../files.js';
import { type Io, InputError, UsageError, exitCodes } from '../io.js';
import { loadReport } from '../load.js';
import { fileLine, messages } from '../messages.js';
import { writeResult } from '../output.js';

/**
 * Runs `aggregate`: the sum of a region's reports (汇总), read one at a time into a
 * {@link RegionSum} (a folder of thousands is never held whole). Returns the exit code: 0 summed,
 * 2 when a file could not be used (named; the summary is not written, as it would be short of it)
 * or the reports cannot be summed (mixed formats or years, named).
 */
export async function runAggregate(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, agency: { type: 'string' }, title: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError(m.needsFiles('aggregate'));
  const region = new RegionSum(lang, 0);
  let failed = 0;
  for await (const file of expandPaths(positionals)) {
    try {
      region.add(await loadReport(file, false, lang));
    } catch (e) {
      if (e instanceof AggregateError) {
        io.stderr(`${fileLine(m, file, e.message)}\n`);
        return exitCodes.input;
      }
      if (!(e instanceof InputError)) throw e;
      failed++;
      io.stderr(`${fileLine(m, e.file, e.message, e.located)}\n`);
    }
  }
  if (failed) {
    io.stderr(`${m.aggregateIncomplete(failed)}\n`);
    return exitCodes.input;
  }
  if (!region.count) {
    io.stderr(`${m.aggregateNothing}\n`);
    return exitCodes.input;
  }
  const report = region.report({ ...(values.agency ? { agency: values.agency } : {}), ...(values.title ? { title: values.title } : {}) });
  // The agencies summed travel with the summary (an extra field the report schema allows).
  const text = `${scriptSafeJson({ ...report, summaryOf: region.agencies }, 2)}\n`;
  if (!(await writeResult(io, values.out, text, lang))) return exitCodes.input;
  io.stderr(`${m.aggregated(region.count, report.year, report.format)}\n`);
  return exitCodes.ok;
}

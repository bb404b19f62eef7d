import { parseArgs } from 'node:util';
import { type Lang, type RulePack } from '@disclosure-report/core';
import { PreviousReports, packsOf, refusedBeforeRun } from '../checking.js';
import { type Io, UsageError, exitCodes } from '../io.js';
import { fileLine, messages } from '../messages.js';
import { Progress } from '../progress.js';
import { SiteError, buildSite, elementScriptPath } from '../site/build.js';

/**
 * Runs `report`: a region's reports as a static site (an overview, a page per report,
 * findings.csv). Returns the exit code: 0 written, 2 when nothing could be written (the
 * folder is someone else's, no report could be read, a pack or last year's file cannot be used).
 * Reports that cannot be read are named, listed on the overview, and the rest is written.
 */
export async function runReport(args: string[], io: Io, lang: Lang = 'zh-CN'): Promise<number> {
  const m = messages(lang);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      prev: { type: 'string' },
      rules: { type: 'string', multiple: true },
      title: { type: 'string' },
      strict: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError(m.needsFiles('report'));
  if (!values.out) throw new UsageError(m.siteNeedsOut);
  let elementScript: string;
  try {
    elementScript = elementScriptPath();
  } catch (e) {
    io.stderr(`disclosure-report: ${m.siteNoElement((e as Error).message)}\n`);
    return exitCodes.input;
  }
  const say = (file: string, message: string, located?: boolean) => fileLine(m, file, message, located);
  let previous: PreviousReports | undefined;
  let packs: RulePack[] | undefined;
  try {
    packs = packsOf({ lang, ...(values.rules?.length ? { rules: values.rules } : {}) });
    if (values.prev) previous = await PreviousReports.open(values.prev, lang, (e) => io.stderr(`${say(e.file, m.prevNotUsed(e.message))}\n`));
  } catch (e) {
    return refusedBeforeRun(e, io, m);
  }
  try {
    const result = await buildSite(
      {
        inputs: positionals,
        out: values.out,
        lang,
        ...(values.title ? { title: values.title } : {}),
        ...(values.strict ? { strict: true } : {}),
        ...(previous ? { previous } : {}),
        ...(packs ? { packs } : {}),
        elementScript,
        fileLine: say,
        // On a terminal only, and not for one file.
        progress: (total) => new Progress(io, total, total > 1),
      },
      m.siteNotOurs,
      m.siteNothing,
    );
    io.stderr(`${m.siteWritten(result.reports, result.unreadable, values.out)}\n`);
    return exitCodes.ok;
  } catch (e) {
    if (e instanceof SiteError) {
      io.stderr(`disclosure-report: ${e.message}\n`);
      return exitCodes.input;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      io.stderr(`${say(values.out, (e as Error).message)}\n`);
      return exitCodes.input;
    }
    throw e;
  }
}

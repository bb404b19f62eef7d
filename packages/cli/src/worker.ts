/**
 * A worker process of `check --jobs`: checks the entries the main process sends, one at a time and
 * in the order sent (so that if the worker dies, the main process knows which entry it was checking).
 * The job comes as the first argument (JSON); the worker ends when the main process goes away.
 * Last year's reports stay in the main process, which read each once: a worker asks for the one it
 * needs by agency and year.
 */
import type { Report } from '@disclosure-report/core';
import { type CheckJob, type FileResult, type PreviousLookup, checkSource } from './checking.js';
import { messages } from './messages.js';
import type { Source } from './sources.js';

const job = JSON.parse(process.argv[2] ?? '{}') as CheckJob;

const reply = (message: unknown) => process.send?.(message, undefined, undefined, (e) => void e);

/** Asks the main process for last year's report; keeps the last few answers. */
class AskMain implements PreviousLookup {
  private asked = 0;
  private readonly waiting = new Map<number, (text: string | undefined) => void>();
  private readonly recent = new Map<string, Promise<Report | undefined>>();
  /** Last year's report for every report (--prev named one file): asked for once. */
  private one?: Promise<Report | undefined>;

  for(report: Report): Promise<Report | undefined> {
    if (this.one) return this.one;
    const key = `${report.agency}|${report.year}`;
    let r = this.recent.get(key);
    if (!r) {
      const ask = this.asked++;
      r = new Promise<string | undefined>((resolve) => {
        this.waiting.set(ask, resolve);
        reply({ ask, agency: report.agency, year: report.year });
      }).then((text) => (text === undefined ? undefined : (JSON.parse(text) as Report)));
      if (this.recent.size >= 16) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(key, r);
    }
    return r;
  }

  answer(ask: number, text: string | undefined, one = false): void {
    if (one) this.one ??= Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as Report));
    this.waiting.get(ask)?.(text);
    this.waiting.delete(ask);
  }
}

const previous = job.prev ? new AskMain() : undefined;

async function checkOne({ id, source }: { id: number; source: Source }): Promise<void> {
  let results: FileResult[];
  try {
    results = await checkSource(source, job, previous);
  } catch (e) {
    const name = source.kind === 'file' ? source.file : source.name;
    results = [{ file: name, findings: [], error: messages(job.lang).unexpectedFailure((e as Error).message) }];
  }
  reply({ id, results });
}

let queue: Promise<unknown> = Promise.resolve();
process.on('message', (message: { id: number; source: Source } | { answer: number; text?: string; one?: boolean }) => {
  if ('answer' in message) previous?.answer(message.answer, message.text, message.one);
  else queue = queue.then(() => checkOne(message));
});
process.on('disconnect', () => process.exit(0));

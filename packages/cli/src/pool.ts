import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CheckJob, FileResult, PreviousReports } from './checking.js';
import { type Messages, messages } from './messages.js';
import type { Source } from './sources.js';

/** The heap a worker may use unless DISCLOSURE_WORKER_MAX_MB says otherwise (MB of V8's old generation). */
export const defaultWorkerMaxMb = 1024;

/**
 * The heap limit of each worker: DISCLOSURE_WORKER_MAX_MB (a whole number of MB) or
 * {@link defaultWorkerMaxMb}. One huge or hostile file then fails alone instead of taking the
 * machine's memory.
 */
export function workerMaxMb(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.DISCLOSURE_WORKER_MAX_MB);
  return Number.isInteger(value) && value > 0 ? value : defaultWorkerMaxMb;
}

/** What a worker wrote to standard error last (V8 says there why it stopped): a bounded tail. */
const stderrTail = 8192;

/** Why a worker stopped, as the reason the file it was checking could not be checked. */
function crashMessage(m: Messages, stderr: string, code: number | null, signal: NodeJS.Signals | null, maxMb: number): string {
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) return m.outOfMemory(maxMb);
  return m.workerStopped(signal ? { signal } : { code });
}

/**
 * Checks entries in worker processes and yields the results in the entries' order. At most a few
 * entries per worker are in flight, so memory stays flat however many there are. A worker asks
 * for last year's report here (`previous`), where each was read once.
 *
 * Processes rather than threads: a worker that runs out of its heap (`--max-old-space-size`) or
 * crashes in any other way ends alone. (A worker thread over its `resourceLimits` can still abort
 * the whole process: nodejs/node#47224.) A worker checks its files one at a time in the order
 * sent, so when it dies the file it was checking is known: that file is reported as not checked,
 * a new worker takes its place and gets the files that were waiting, and the run goes on.
 */
export async function* checkInWorkers(
  sources: AsyncIterable<Source>,
  job: CheckJob,
  jobs: number,
  previous?: PreviousReports,
): AsyncGenerator<FileResult> {
  const count = Math.max(1, Math.min(jobs, availableParallelism()));
  const maxMb = workerMaxMb();
  const script = fileURLToPath(new URL('./worker.js', import.meta.url));
  // The main process's Node options, but our heap limit, and no debugger port the workers would fight over.
  const execArgv = [...process.execArgv.filter((a) => !/^--(max[-_]old[-_]space[-_]size|inspect)/.test(a)), `--max-old-space-size=${maxMb}`];
  const window = count * 4;
  const pending = new Map<number, FileResult[]>();
  const waiters = new Map<number, (r: FileResult[]) => void>();
  let closing = false;

  const settle = (id: number, result: FileResult[]) => {
    const resolve = waiters.get(id);
    if (resolve) {
      waiters.delete(id);
      resolve(result);
    } else pending.set(id, result);
  };

  type Message = { id: number; source: Source };
  const nameOf = (source: Source) => (source.kind === 'file' ? source.file : source.name);
  /** One worker (none after a crash until there is work for it) and the files sent to it that it has not answered, oldest first. */
  interface Slot {
    child: ChildProcess | undefined;
    sent: Message[];
  }
  const send = (child: ChildProcess, message: Message) => {
    // A worker that has just died cannot take it: its 'close' hands the file on.
    child.send(message, (e) => void e);
  };
  const start = (slot: Slot): ChildProcess => {
    const child = fork(script, [JSON.stringify(job)], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    slot.child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      stderr = (stderr + d).slice(-stderrTail);
    });
    child.on('message', (message: { id: number; results: FileResult[] } | { ask: number; agency: string; year: number }) => {
      if ('ask' in message) {
        const { ask, agency, year } = message;
        void (previous?.textFor(agency, year) ?? Promise.resolve(undefined)).then((text) =>
          child.send({ answer: ask, text, ...(previous?.one ? { one: true } : {}) }, (e) => void e),
        );
        return;
      }
      const { id, results } = message;
      const at = slot.sent.findIndex((s) => s.id === id);
      if (at >= 0) slot.sent.splice(at, 1);
      settle(id, results);
    });
    let ended = false;
    const end = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      if (closing || slot.child !== child) return;
      slot.child = undefined;
      const culprit = slot.sent.shift();
      if (culprit) settle(culprit.id, [{ file: nameOf(culprit.source), findings: [], error: crashMessage(messages(job.lang), stderr, code, signal, maxMb) }]);
      // The files that were waiting behind it go to a fresh worker (started only when there is
      // work: a worker that cannot even start fails one file at a time, never in a loop).
      if (slot.sent.length) {
        const next = start(slot);
        for (const m of slot.sent) send(next, m);
      }
    };
    // 'close' comes after the process exited and its standard error is read to the end.
    child.on('close', end);
    // A process that could not be started at all has no 'close' to wait for.
    child.on('error', () => {
      if (child.pid === undefined) end(null, null);
    });
    return child;
  };
  const slots: Slot[] = Array.from({ length: count }, () => ({ child: undefined, sent: [] }));
  for (const slot of slots) start(slot);

  const results = new Map<number, Promise<FileResult[]>>();
  let next = 0;
  let sent = 0;
  try {
    const iterator = sources[Symbol.asyncIterator]();
    let done = false;
    while (!done || next < sent) {
      while (!done && sent - next < window) {
        const item = await iterator.next();
        if (item.done) {
          done = true;
          break;
        }
        const id = sent++;
        const source = item.value;
        if (source.kind === 'error') {
          // Nothing for a worker to do.
          results.set(id, Promise.resolve([{ file: source.name, findings: [], error: source.error, ...(source.located ? { located: true } : {}) }]));
          continue;
        }
        results.set(
          id,
          new Promise<FileResult[]>((resolve) => {
            const early = pending.get(id);
            if (early) {
              pending.delete(id);
              resolve(early);
            } else waiters.set(id, resolve);
          }),
        );
        const slot = slots[id % count] as Slot;
        const message = { id, source };
        slot.sent.push(message);
        send(slot.child ?? start(slot), message);
      }
      if (next < sent) {
        const r = await (results.get(next) as Promise<FileResult[]>);
        results.delete(next++);
        yield* r;
      }
    }
  } finally {
    closing = true;
    for (const slot of slots) slot.child?.kill();
  }
}

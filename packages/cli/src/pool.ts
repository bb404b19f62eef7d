import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckJob, FileResult } from './checking.js';

/**
 * Checks files on worker threads and yields the results in the files' order. At most a few
 * files per worker are in flight, so memory stays flat however many files there are.
 */
export async function* checkInWorkers(files: AsyncIterable<string>, job: CheckJob, jobs: number): AsyncGenerator<FileResult> {
  const count = Math.max(1, Math.min(jobs, availableParallelism()));
  const workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: job }));
  const window = count * 4;
  const pending = new Map<number, FileResult>();
  const waiters = new Map<number, (r: FileResult) => void>();
  for (const w of workers) {
    w.on('message', ({ id, result }: { id: number; result: FileResult }) => {
      const resolve = waiters.get(id);
      if (resolve) {
        waiters.delete(id);
        resolve(result);
      } else pending.set(id, result);
    });
  }
  const results = new Map<number, Promise<FileResult>>();
  let next = 0;
  let sent = 0;
  try {
    const iterator = files[Symbol.asyncIterator]();
    let done = false;
    while (!done || next < sent) {
      while (!done && sent - next < window) {
        const item = await iterator.next();
        if (item.done) {
          done = true;
          break;
        }
        const id = sent++;
        results.set(
          id,
          new Promise<FileResult>((resolve) => {
            const early = pending.get(id);
            if (early) {
              pending.delete(id);
              resolve(early);
            } else waiters.set(id, resolve);
          }),
        );
        (workers[id % count] as Worker).postMessage({ id, file: item.value });
      }
      if (next < sent) {
        const r = await (results.get(next) as Promise<FileResult>);
        results.delete(next++);
        yield r;
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * A worker process of `check --jobs`: checks the files the main process sends, one at a time and
 * in the order sent (so that if the worker dies, the main process knows which file it was checking).
 * The job comes as the first argument (JSON); the worker ends when the main process goes away.
 */
import { type CheckJob, PreviousReports, checkFile } from './checking.js';
import { messages } from './messages.js';

const job = JSON.parse(process.argv[2] ?? '{}') as CheckJob;
const previous = job.prev ? new PreviousReports(job.prev, job.lang) : undefined;

const reply = (message: unknown) => process.send?.(message, undefined, undefined, (e) => void e);

async function checkOne({ id, file }: { id: number; file: string }): Promise<void> {
  try {
    reply({ id, result: await checkFile(file, job, previous) });
  } catch (e) {
    reply({ id, result: { file, findings: [], error: messages(job.lang).unexpectedFailure((e as Error).message) } });
  }
}

let queue: Promise<unknown> = previous?.validate().catch(() => undefined) ?? Promise.resolve();
process.on('message', (message: { id: number; file: string }) => {
  queue = queue.then(() => checkOne(message));
});
process.on('disconnect', () => process.exit(0));

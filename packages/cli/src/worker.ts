/** A worker thread of `check --jobs`: checks the files the main thread sends, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckJob, PreviousReports, checkFile } from './checking.js';

const job = workerData as CheckJob;
const previous = job.prev ? new PreviousReports(job.prev) : undefined;
await previous?.validate().catch(() => undefined);

parentPort?.on('message', async ({ id, file }: { id: number; file: string }) => {
  try {
    parentPort?.postMessage({ id, result: await checkFile(file, job, previous) });
  } catch (e) {
    parentPort?.postMessage({ id, result: { file, findings: [], error: `unexpected failure: ${(e as Error).message}` } });
  }
});

import { readFile } from 'node:fs/promises';
import { type Report, formatSchemaIssue, validateReport } from '@disclosure-report/core';
import { InputError } from './io.js';

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message;
}

/** Reads one report document; any problem is an InputError that names the file and the place. */
export async function loadReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read: ${reason(e)}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(file, `not JSON: ${(e as Error).message}`);
  }
  const result = validateReport(doc);
  if (!result.ok) {
    throw new InputError(file, `not a valid report document:\n${result.issues.map((i) => `  ${formatSchemaIssue(i)}`).join('\n')}`);
  }
  return result.report;
}

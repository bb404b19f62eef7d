/**
 * `disclosure-report`: the rules engine from the command line.
 * Every failure ends in a message and an exit status, never a stack trace.
 */
import { reportJsonSchema } from '@disclosure-report/core';
import pkg from '../package.json' with { type: 'json' };
import { checkUsage, runCheck } from './commands/check.js';
import { exportUsage, runExport } from './commands/export.js';
import { importUsage, runImport } from './commands/import.js';
import { type Io, UsageError, exitCodes, processIo } from './io.js';

/** The CLI's version (its package's). */
const version = pkg.version;

const usage = `Usage: disclosure-report <command> [options]

Commands:
  check <file|dir…>   check reports (documents or published sources) against the national format's rules
  import <file|dir…>  read published reports (text, HTML, .docx, PDF) into report documents
  export <file|dir…>  write a report as static HTML, Word, CSV or JSON (a folder: CSV or NDJSON,
                      one line per report and cell)
  schema              print the JSON Schema of the report document

Run "disclosure-report <command> --help" for a command's options; "disclosure-report --version" for the version.`;

const commandUsage: Record<string, string> = {
  check: checkUsage,
  import: importUsage,
  export: exportUsage,
  schema: 'disclosure-report schema\n\nPrints the JSON Schema (draft 2020-12) of the report document.',
};

/** Runs the CLI with these arguments; resolves to the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${version}\n`);
      return exitCodes.ok;
    }
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${usage}\n`);
      return command ? exitCodes.ok : exitCodes.input;
    }
    if (args.includes('--help') || args.includes('-h')) {
      const text = commandUsage[command];
      if (text) {
        io.stdout(`${text}\n`);
        return exitCodes.ok;
      }
    }
    switch (command) {
      case 'check':
        return await runCheck(args, io);
      case 'import':
        return await runImport(args, io);
      case 'export':
        return await runExport(args, io);
      case 'schema':
        io.stdout(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
        return exitCodes.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`disclosure-report: ${err.message}\n\n${commandUsage[command ?? ''] ?? usage}\n`);
      return exitCodes.input;
    }
    io.stderr(`disclosure-report: unexpected failure: ${err.message ?? String(e)}\n`);
    return exitCodes.input;
  }
}

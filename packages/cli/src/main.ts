/**
 * `disclosure-report`: the rules engine from the command line.
 * Every failure ends in a message and an exit status, never a stack trace. Every message is in
 * the language of `--lang` (zh, the default, or en), decided before anything else is parsed.
 */
import { reportJsonSchema } from '@disclosure-report/core';
import pkg from '../package.json' with { type: 'json' };
import { runAggregate } from './commands/aggregate.js';
import { runCheck } from './commands/check.js';
import { runExport } from './commands/export.js';
import { runImport } from './commands/import.js';
import { runReport } from './commands/report.js';
import { runTally } from './commands/tally.js';
import { type Io, UsageError, exitCodes, processIo } from './io.js';
import { type CommandName, commandNames, messages, parseArgsMessage, takeLang, topUsage } from './messages.js';

/** The CLI's version (its package's). */
const version = pkg.version;

const isCommand = (name: string | undefined): name is CommandName => commandNames.includes(name as CommandName);
const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

/** Runs the CLI with these arguments; resolves to the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  // The language first: a usage error about any other option is then said in it.
  const { lang, args: rest, error: langError } = takeLang(argv);
  const m = messages(lang);
  const [command, ...args] = rest;
  const usageOf = (c: string | undefined) => (isCommand(c) ? m.commandUsage[c] : topUsage(m));
  try {
    if (langError) throw new UsageError(langError);
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${version}\n`);
      return exitCodes.ok;
    }
    if (!command || isHelp(command) || command === 'help') {
      // `help check` is `check --help`.
      const about = command === 'help' ? args[0] : undefined;
      io.stdout(`${usageOf(about)}\n`);
      return command ? exitCodes.ok : exitCodes.input;
    }
    if (isCommand(command) && args.slice(0, args.includes('--') ? args.indexOf('--') : undefined).some(isHelp)) {
      io.stdout(`${m.commandUsage[command]}\n`);
      return exitCodes.ok;
    }
    switch (command) {
      case 'check':
        return await runCheck(args, io, lang);
      case 'import':
        return await runImport(args, io, lang);
      case 'export':
        return await runExport(args, io, lang);
      case 'aggregate':
        return await runAggregate(args, io, lang);
      case 'report':
        return await runReport(args, io, lang);
      case 'tally':
        return await runTally(args, io, lang);
      case 'schema':
        io.stdout(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
        return exitCodes.ok;
      default:
        throw new UsageError(m.unknownCommand(command));
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes (in English: said again in the run's language).
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      const message = e instanceof UsageError ? err.message : parseArgsMessage(m, err);
      io.stderr(`disclosure-report: ${message}\n\n${usageOf(command)}\n`);
      return exitCodes.input;
    }
    io.stderr(`disclosure-report: ${m.unexpectedFailure(err.message ?? String(e))}\n`);
    return exitCodes.input;
  }
}

#!/usr/bin/env node
import { main } from '../dist/main.js';

// A reader that stops early (`… | head`) closes the pipe: stop quietly, as Unix tools do,
// rather than die on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 2));
}

process.exitCode = await main(process.argv.slice(2));

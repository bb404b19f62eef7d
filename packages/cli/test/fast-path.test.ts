/**
 * The fast path of `check` over report documents: decoding UTF-8 through ICU, reading into a
 * reused buffer, the synchronous folder walk and checks. Each must give exactly what the plain
 * way gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { type Report, withCell } from '@disclosure-report/core';
import { describe, expect, it } from 'vitest';
import { type CheckJob, checkSourceLater, checkSourceNow } from '../src/checking.js';
import { NameList, expandFiles } from '../src/files.js';
import { InputError } from '../src/io.js';
import { readBytes, readTransient, utf8JsonText, utf8Text } from '../src/load.js';
import { main } from '../src/main.js';
import { messages } from '../src/messages.js';
import type { Source } from '../src/sources.js';
import { scratchFolder } from './scratch.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedText = () => readFileSync(join(repoRoot, 'corpus/chenjiaba-2023/expected.json'), 'utf8');
const seed = () => JSON.parse(seedText()) as Report;
const m = messages('en');

let dir: string;
const write = scratchFolder('dr-fast-', (d) => (dir = d));

describe('UTF-8 decoding', () => {
  it('gives the string Buffer#toString gives, for any valid UTF-8 (ASCII, CJK, astral, BOMs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\uFEFF', '\uFEFF\uFEFF', '\uFEFF\uFEFF\uFEFF'), (s, bom) => {
        const bytes = new Uint8Array(Buffer.from(bom + s, 'utf8'));
        expect(utf8Text(bytes)).toBe(Buffer.from(bytes).toString('utf8'));
        // At most two BOMs are dropped, as TextDecoder and the replace did.
        expect(utf8JsonText(bytes)).toBe((bom + s).replace(/^\uFEFF\uFEFF?/, ''));
      }),
      { numRuns: 500 },
    );
    const mixed = `{"agency":"某某市第1局 😀 \u0000\uFFFF\uFFFE","n":1}`;
    expect(utf8Text(new Uint8Array(Buffer.from(mixed)))).toBe(mixed);
    expect(utf8Text(new Uint8Array(0))).toBe('');
  });

  it('decodes a view into a larger buffer, not the buffer', () => {
    const whole = Buffer.from('xx汉字yy');
    expect(utf8Text(whole.subarray(2, 8))).toBe('汉字');
    expect(utf8Text(whole.subarray(0, 2))).toBe('xx');
  });

  it('is undefined for bytes that are not UTF-8 (GB18030, a lone surrogate, a cut sequence)', () => {
    expect(utf8JsonText(new Uint8Array(iconv.encode('{"agency":"某某局"}', 'gb18030')))).toBeUndefined();
    expect(utf8JsonText(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBeUndefined();
    expect(utf8JsonText(new Uint8Array([0x22, 0xe6, 0xb1]))).toBeUndefined();
  });
});

describe('reading into a reused buffer', () => {
  it('gives every file its own bytes, whatever the sizes in turn (empty, small, past the buffer, past the reuse limit)', () => {
    const sizes = [0, 1, 100, 70_000, 10, 300_000, 5, 2_000_000, 3];
    const files = sizes.map((n, i) => write(`sizes/${i}.json`, new Uint8Array(n).map((_, k) => 0x30 + ((k * 7 + i) % 10))));
    for (let round = 0; round < 2; round++) {
      files.forEach((file, i) => {
        const bytes = readTransient(file, m, round === 1);
        expect(bytes.length).toBe(sizes[i]);
        expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
        // The same as the bytes of a file of its own.
        expect(Buffer.from(bytes).equals(Buffer.from(readFileSync(file)))).toBe(true);
      });
    }
  });

  it('refuses what is not a regular file and a missing file, naming it', async () => {
    const missing = join(dir, 'missing.json');
    expect(() => readTransient(missing, m)).toThrow(InputError);
    expect(() => readTransient(missing, m, true)).toThrow(/no such file/);
    expect(() => readTransient(dir, m)).toThrow(/not a regular file/);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    // Opened non-blocking: refused at once, even when a folder listed it as regular by mistake.
    expect(() => readTransient(fifo, m)).toThrow(/not a regular file/);
    expect(() => readTransient(fifo, m, true)).toThrow(/not a regular file/);
    // readBytes (kept by the caller) is a Uint8Array of its own, not a view of the reused buffer.
    const a = write('own-a.json', 'aaaa');
    const own = await readBytes(a, m);
    readTransient(write('own-b.json', 'bbbb'), m);
    expect(Buffer.from(own).toString()).toBe('aaaa');
    expect(Object.getPrototypeOf(own)).toBe(Uint8Array.prototype);
  });
});

describe('the folder walk', () => {
  it('keeps a folder\'s names packed, in the order of `<` on the strings (astral characters, prefixes, many names)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'A', '.', '汉', '\uFF01', '😀', '\uE000', '0') }), { maxLength: 60 }), (names) => {
        const list = new NameList();
        names.forEach((n, i) => list.add(n, i % 3));
        const order = [...list.sorted()];
        expect(order.map((i) => list.name(i))).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(order.map((i) => list.kind(i))).toEqual(order.map((i) => i % 3));
      }),
      { numRuns: 300 },
    );
    const many = new NameList();
    for (let i = 9999; i >= 0; i--) many.add(`${String(i).padStart(6, '0')}.json`, 0);
    const sorted = [...many.sorted()].map((i) => many.name(i));
    expect(sorted.length).toBe(10_000);
    expect(sorted[0]).toBe('000000.json');
    expect(sorted[9999]).toBe('009999.json');
  });

  it('lists in sorted order, skips hidden names, goes into sub-folders, and knows which files are regular', () => {
    const base = join(dir, 'walk');
    write('walk/b.json', '{}');
    write('walk/a.json', '{}');
    write('walk/.hidden.json', '{}');
    write('walk/notes.md', 'x');
    write('walk/sub/c.json', '{}');
    symlinkSync(join(base, 'a.json'), join(base, 'link.json'));
    mkdirSync(join(base, 'empty'));
    const found = [...expandFiles([base], ['.json'])];
    expect(found).toEqual([
      { path: join(base, 'a.json'), regular: true },
      { path: join(base, 'b.json'), regular: true },
      // A symbolic link is followed when read (looked up by name first).
      { path: join(base, 'link.json'), regular: false },
      { path: join(base, 'sub/c.json'), regular: true },
    ]);
    // A file named on the command line is not known to be regular; a missing path is passed on.
    expect([...expandFiles([join(base, 'a.json'), join(base, 'nope')], ['.json'])]).toEqual([
      { path: join(base, 'a.json'), regular: false },
      { path: join(base, 'nope'), regular: false },
    ]);
  });
});

describe('checking without a promise', () => {
  it('gives what the asynchronous check gives, for every kind of entry', async () => {
    const good = seed();
    const job: CheckJob = { lang: 'en' };
    const sources: Source[] = [
      { kind: 'file', file: write('now/good.json', good), regular: true },
      { kind: 'file', file: write('now/bom.json', `\uFEFF${JSON.stringify(good)}`) },
      { kind: 'file', file: write('now/wrong.json', withCell(good, 'requests.granted.total', 5)) },
      { kind: 'file', file: write('now/array.json', [good, { format: '2021' }, withCell(good, 'requests.granted.total', 5)]) },
      { kind: 'file', file: write('now/empty.json', '[]') },
      { kind: 'file', file: write('now/syntax.json', '{\n  "format": "2021",\n  oops\n}') },
      { kind: 'file', file: write('now/not-report.json', { format: '2021' }) },
      { kind: 'file', file: join(dir, 'now/missing.json'), regular: true },
      { kind: 'bytes', name: 'x.ndjson:1', bytes: new Uint8Array(Buffer.from(JSON.stringify(good))), line: true },
      { kind: 'bytes', name: 'x.ndjson:2', bytes: new Uint8Array(Buffer.from('{"format": 2021, x}')), line: true },
    ];
    for (const source of sources) {
      const now = checkSourceNow(source, job);
      expect(now, JSON.stringify(source).slice(0, 80)).toBeDefined();
      expect(now).toEqual(await checkSourceLater(source, job));
    }
    // Left to the asynchronous check: not UTF-8, published sources, errors, last year's reports to look up.
    const gb = { kind: 'file', file: write('now/gb.json', new Uint8Array(iconv.encode(seedText(), 'gb18030'))) } as const;
    expect(checkSourceNow(gb, job)).toBeUndefined();
    expect((await checkSourceLater(gb, job))[0]).toMatchObject({ file: gb.file, findings: expect.any(Array) });
    expect((await checkSourceLater(gb, job))[0]?.error).toBeUndefined();
    expect(checkSourceNow({ kind: 'file', file: join(dir, 'x.txt') }, job)).toBeUndefined();
    expect(checkSourceNow({ kind: 'error', name: 'x', error: 'e' }, job)).toBeUndefined();
    expect(checkSourceNow(sources[0] as Source, job, { for: () => Promise.resolve(undefined) })).toBeUndefined();
  });
});

describe('printing: per result, or in batches of bytes', () => {
  for (const batched of [false, true]) {
    it(`keeps the order of stdout and stderr, and prints every result (${batched ? 'batched bytes' : 'a string per result'})`, async () => {
      const good = seed();
      write('order/a.json', good);
      write('order/b.json', '{ oops');
      write('order/c.json', good);
      for (let i = 0; i < 300; i++) write(`order/d${String(i).padStart(3, '0')}.json`, { ...good, agency: `某${i}局` });
      const log: string[] = [];
      let stdoutWrites = 0;
      const decoder = new TextDecoder('utf-8', { fatal: true });
      const code = await main(['check', join(dir, 'order'), '--json', '--lang', 'en'], {
        stdout: (t) => {
          stdoutWrites++;
          log.push(t);
        },
        stderr: (t) => log.push(`<stderr>${t}`),
        isTTY: false,
        ...(batched
          ? {
              stdoutBytes: (bytes: Uint8Array) => {
                stdoutWrites++;
                // Whole characters in every batch: a batch is cut between results only.
                log.push(decoder.decode(bytes));
              },
            }
          : {}),
      });
      expect(code).toBe(2);
      const all = log.join('');
      // Each message comes after the results before it, and before its file's own entry.
      const at = (s: string) => all.indexOf(s);
      expect(at(`"file":"${join(dir, 'order/a.json')}"`)).toBeLessThan(at(`<stderr>${join(dir, 'order/b.json')}`));
      expect(at(`<stderr>${join(dir, 'order/b.json')}`)).toBeLessThan(at(`"file":"${join(dir, 'order/b.json')}"`));
      expect(at(`"file":"${join(dir, 'order/b.json')}"`)).toBeLessThan(at(`<stderr>${join(dir, 'order/c.json')}: the same report`));
      expect(at(`<stderr>${join(dir, 'order/c.json')}: the same report`)).toBeLessThan(at(`"file":"${join(dir, 'order/c.json')}"`));
      const stdout = log.filter((t) => !t.startsWith('<stderr>')).join('');
      expect((JSON.parse(stdout) as unknown[]).length).toBe(303);
      // Batched: fewer writes than results (some 64 KB each); else one a result, and the brackets.
      if (batched) expect(stdoutWrites).toBeLessThan(20);
      else expect(stdoutWrites).toBe(305);
    });
  }

  it('writes a result larger than a batch whole, in its place', async () => {
    // Every cell a long string: the entry's error lists them all (some 40,000 characters, over 64 KB as UTF-8 at 3 bytes a unit).
    const bad = seed() as unknown as Record<string, unknown>;
    const spoil = (o: Record<string, unknown>) => {
      for (const k of Object.keys(o)) {
        if (typeof o[k] === 'number') o[k] = '错'.repeat(200);
        else if (o[k] && typeof o[k] === 'object') spoil(o[k] as Record<string, unknown>);
      }
    };
    spoil(bad.requests as Record<string, unknown>);
    write('big/a.json', seed());
    write('big/b.json', bad);
    write('big/c.json', { ...seed(), agency: '另一局' });
    let plain = '';
    let bytes = '';
    const decoder = new TextDecoder();
    const run = (io: Parameters<typeof main>[1]) => main(['check', join(dir, 'big'), '--ndjson'], io);
    expect(await run({ stdout: (t) => (plain += t), stderr: () => {}, isTTY: false })).toBe(
      await run({ stdout: () => {}, stdoutBytes: (b) => (bytes += decoder.decode(b, { stream: true })), stderr: () => {}, isTTY: false }),
    );
    expect(bytes).toBe(plain);
    const lines = plain.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[1]?.length).toBeGreaterThan(22_000);
  });
});

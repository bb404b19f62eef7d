/** What the package ships for its users' tools: the custom elements manifest and editor data. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8'));

test('custom-elements.json describes every element with its attributes, events and parts', () => {
  const manifest = read('custom-elements.json') as { modules: { declarations?: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[]; cssParts?: unknown[] }[] }[] };
  const elements = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]));
  expect([...elements.keys()].sort()).toEqual(['disclosure-active-table', 'disclosure-findings', 'disclosure-report', 'disclosure-requests-table', 'disclosure-reviews-table']);
  const report = elements.get('disclosure-report');
  expect(report?.attributes?.map((a) => a.name)).toEqual(expect.arrayContaining(['src', 'show-findings', 'lang', 'mode', 'auto-totals', 'draft-key']));
  expect(report?.events?.map((e) => e.name)).toEqual(expect.arrayContaining(['disclosure-load', 'disclosure-error', 'disclosure-change', 'disclosure-input']));
  expect(report?.cssParts?.length).toBeGreaterThan(10);
});

test('editor data lets HTML editors complete the tags and attributes', () => {
  const data = read('vscode.html-custom-data.json') as { version: number; tags: { name: string; description: string; attributes: { name: string; values?: { name: string }[] }[] }[] };
  expect(data.version).toBe(1.1);
  const report = data.tags.find((t) => t.name === 'disclosure-report');
  expect(report?.description).toMatch(/annual report/);
  expect(report?.attributes.find((a) => a.name === 'mode')?.values?.map((v) => v.name)).toEqual(expect.arrayContaining(['edit']));
  expect(data.tags.map((t) => t.name)).toContain('disclosure-requests-table');
});

test('docs/elements-api.md is generated from this manifest (npm run docs)', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  expect(() => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/docs.ts', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
});

test('the builds keep top-level const declarations (Vite would make them var)', () => {
  // The checks' text loops read module tables (white space, bigram buckets): V8 folds a const
  // one into the loop, but reloads a var one per character (the copied-text bound cost two
  // fifths more). Classes are always `var X = class` (Rolldown hoists them); nothing else may be.
  const core = readFileSync(new URL('../../core/dist/index.js', import.meta.url), 'utf8');
  expect(core).toMatch(/^const space = /m);
  expect(core.match(/^var [\w$]+ = (?!class\b).*/gm) ?? []).toEqual([]);
  for (const f of ['disclosure-report.js', 'disclosure-report-checks.js', 'disclosure-report-edit.js']) {
    const code = readFileSync(new URL(`../dist/${f}`, import.meta.url), 'utf8');
    // Minified: a declaration starts a statement, after a ; or } (or the file's start).
    expect(code.match(/(?:^|[;}])var [\w$]+=(?!class\b)[^,;]{0,40}/g) ?? [], f).toEqual([]);
  }
  expect(readFileSync(new URL('../dist/disclosure-report-checks.js', import.meta.url), 'utf8')).toMatch(/(?:^|[;}])const [^;]*=\/\* @__PURE__ \*\/ new Uint8Array\(65536\)/);
});

test('core keeps the bound that reads through Node\'s Buffer; the files for pages leave it out', () => {
  // The CLI and Node users get the faster loops; a browser has no Buffer, so its files would
  // carry them for nothing (the standalone build defines globalThis.Buffer as undefined).
  const core = readFileSync(new URL('../../core/dist/index.js', import.meta.url), 'utf8');
  expect(core).toMatch(/const unitsByWords = \{/);
  expect(core).toMatch(/\.write\(text, 0, 2 \* end, "utf16le"\)/);
  for (const f of ['disclosure-report.js', 'disclosure-report-checks.js', 'disclosure-report-edit.js', 'disclosure-report.classic.js']) {
    const code = readFileSync(new URL(`../dist/${f}`, import.meta.url), 'utf8');
    expect(code, f).not.toMatch(/utf16le|allocUnsafeSlow|\bBuffer\b/);
  }
  // The bound by charCodeAt is what they have.
  expect(readFileSync(new URL('../dist/disclosure-report-checks.js', import.meta.url), 'utf8')).toMatch(/Math\.imul\([^)]*,2654435761\)>>>18/);
});

/**
 * The published experience: every public package packed with `npm pack`, the tarballs installed
 * into fresh projects outside the workspace (no workspace links, dependencies from the registry
 * or the npm cache), and used there as a user would: the CLI through npx, core and import from
 * ES modules, the types with tsc, and the element in chromium — from its self-contained script
 * and through a bundler. Also what installing core (or core and the elements) alone pulls in.
 *
 * Runs on the packages as built (`npm test` builds first; alone: `npx turbo run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const names = ['core', 'import', 'docx', 'cli', 'elements'] as const;
type Name = (typeof names)[number];
/** What core, and an app that only shows reports, must not pull in. */
const readers = ['pdfjs-dist', 'mammoth', 'parse5', 'docx'];
const hongzePdf = join(repoRoot, 'corpus/real/hongze-2023/source.pdf');
const seedJson = join(repoRoot, 'corpus/chenjiaba-2023/expected.json');

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

let tmp = '';
const packed = new Map<Name, Packed>();
/** Projects: every package; core alone; core and the elements (without the optional peer import). */
let full = '';
let coreOnly = '';
let coreElements = '';

/**
 * The environment for npm and node in the temporary projects: without what an outer `npm test`
 * passes to its scripts (its project, its prefix), which would point npm back at the workspace.
 */
function env(): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|config_(local_prefix|prefix|global_prefix|workspaces?|include_workspace_root)$)/i.test(k)) continue;
    if (k === 'INIT_CWD' || k === 'NODE_PATH' || k === 'NODE_OPTIONS') continue;
    out[k] = v;
  }
  return { ...out, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Runs a command that must succeed; its output on failure. */
async function ok(command: string, args: string[], cwd: string): Promise<string> {
  const r = await run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A new project in the temporary folder with the given tarballs installed. */
async function project(dir: string, packages: Name[]): Promise<string> {
  const root = join(tmp, dir);
  mkdirSync(root);
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: `pack-${dir}`, version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`);
  await ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages.map((n) => join(tmp, packed.get(n)!.filename))], root);
  return root;
}

/** Every package a project's lockfile holds, by name (nested copies included). */
function installed(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return Object.keys(lock.packages)
    .filter((p) => p.includes('node_modules/'))
    .map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

const pkgDir = (root: string, name: Name) => join(root, 'node_modules/@disclosure-report', name);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

beforeAll(async () => {
  for (const name of names) {
    const main = join(repoRoot, 'packages', name, 'dist');
    if (!existsSync(main)) throw new Error(`packages/${name}/dist is missing: build first (npx turbo run build)`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'disclosure-pack-'));
  const out = await ok('npm', ['pack', '--json', '--pack-destination', tmp, ...names.flatMap((n) => ['-w', `packages/${n}`])], repoRoot);
  for (const p of JSON.parse(out) as Packed[]) packed.set(p.name.replace('@disclosure-report/', '') as Name, p);
  expect([...packed.keys()].sort()).toEqual([...names].sort());
  // npm's cache is shared safely; the three installs overlap their downloads and unpacking.
  [full, coreOnly, coreElements] = await Promise.all([project('full', [...names]), project('core-only', ['core']), project('core-elements', ['core', 'elements'])]);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('package metadata, as packed', () => {
  const rootLicense = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');

  it.each(names)('%s: files, exports, types, engines, license, repository', (name) => {
    const dir = pkgDir(full, name);
    const pkg = readJson(join(dir, 'package.json'));
    expect(pkg.name).toBe(`@disclosure-report/${name}`);
    expect(pkg.private).toBeUndefined();
    expect(pkg.type).toBe('module');
    expect(pkg.license).toBe('MIT');
    // Node 20 from 20.19 (require() of ES modules), 22 from 22.13 (pdf.js), 24.
    expect(pkg.engines).toEqual({ node: '^20.19.0 || >=22.13.0' });
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/.+\.git$/), directory: `packages/${name}` });
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']));
    expect(pkg.exports).toBeTypeOf('object');
    expect(pkg.exports['./package.json']).toBe('./package.json');

    // Every target of `exports` (and main, types, bin) is in the tarball.
    const paths = new Set(packed.get(name)!.files.map((f) => f.path));
    const targets: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') targets.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk([pkg.exports, pkg.main, pkg.types, pkg.bin]);
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      if (path.includes('*')) {
        const [before, after] = path.split('*') as [string, string];
        expect([...paths].some((p) => p.startsWith(before) && p.endsWith(after)), target).toBe(true);
      } else expect(paths.has(path), `${name}: ${target}`).toBe(true);
    }
    if (name !== 'cli') {
      expect(pkg.types).toBe('./dist/index.d.ts');
      expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
      expect([...paths].filter((p) => /^dist\/.*\.d\.ts$/.test(p)).length).toBeGreaterThan(0);
    }
    // No tests, fixtures or build configuration in the tarball.
    expect([...paths].filter((p) => /^(test|test-node|stories|scripts|node_modules)\/|^(vite|vitest)[.\w]*\.config\.ts$|^tsconfig/.test(p))).toEqual([]);

    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(rootLicense);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(/^# Changelog\n\n## 0\.1\.0\b/);
  });

  it.each(names)('%s: the README starts with the title, one sentence, an install command and an example', (name) => {
    const readme = readFileSync(join(pkgDir(full, name), 'README.md'), 'utf8');
    const [title, ...rest] = readme.split('\n');
    expect(title).toBe(`# @disclosure-report/${name}`);
    // The first fence is the install command, the second an example; only prose before them.
    const fences = [...rest.join('\n').matchAll(/```(\w+)\n([\s\S]*?)```/g)];
    const intro = rest.join('\n').slice(0, fences[0]?.index);
    expect(intro.trim().length).toBeGreaterThan(20);
    expect(intro).not.toMatch(/^#/m);
    expect(fences[0]?.[1]).toBe('sh');
    expect(fences[0]?.[2]).toMatch(new RegExp(`^npm install (--global )?@disclosure-report/${name}\\b`));
    expect(fences[1]?.[2]).toContain(name === 'cli' ? 'npx @disclosure-report/cli check' : name === 'elements' ? '<disclosure-report' : `from '@disclosure-report/${name}'`);
  });
});

describe('the CLI, installed', () => {
  it('runs from the project, not the workspace', async () => {
    const bin = realpathSync(join(full, 'node_modules/.bin/disclosure-report'));
    expect(bin).toBe(join(realpathSync(pkgDir(full, 'cli')), 'bin/disclosure-report.js'));
    expect(bin.startsWith(realpathSync(tmp) + sep)).toBe(true);
    const help = await run(process.execPath, ['node_modules/@disclosure-report/cli/bin/disclosure-report.js', 'check', '--help'], full);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
  });

  it('npx @disclosure-report/cli check: a published PDF with errors exits 1 with reviews.total', async () => {
    const r = await run('npx', ['--no', '@disclosure-report/cli', 'check', hongzePdf, '--json'], full);
    expect(r.stderr).not.toMatch(/Error:|at .*\.js:\d+/);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as { file: string; findings: { rule: string; severity: string }[]; completeness?: { read: number; expected: number } }[];
    expect(file?.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['reviews.total', 'reviews.total']);
    expect(file?.completeness).toMatchObject({ read: 200, expected: 200 });
  });

  it('the bin by its name: a clean report document exits 0; export to Word', async () => {
    const r = await run('npx', ['--no', 'disclosure-report', 'check', seedJson], full);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('陈家坝镇人民政府');
    const docx = join(full, 'seed.docx');
    await ok('npx', ['--no', 'disclosure-report', 'export', seedJson, '--to', 'docx', '-o', docx], full);
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('report: the region site, with the element\'s classic script from the installed elements package', async () => {
    const site = join(full, 'site');
    await ok('npx', ['--no', 'disclosure-report', 'report', seedJson, hongzePdf, '-o', site], full);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('洪泽区人民政府');
    const classic = readFileSync(join(site, 'assets/disclosure-report.classic.js'));
    expect(classic.equals(readFileSync(join(pkgDir(full, 'elements'), 'dist/disclosure-report.classic.js')))).toBe(true);
  });
});

describe('the libraries from ES modules', () => {
  it('core: validateReport and check', async () => {
    writeFileSync(
      join(full, 'check.mjs'),
      `import { readFileSync } from 'node:fs';
import { check, validateReport, withCell } from '@disclosure-report/core';
const result = validateReport(JSON.parse(readFileSync(process.argv[2], 'utf8')));
if (!result.ok) throw new Error(JSON.stringify(result.issues));
console.log(JSON.stringify({
  resolved: import.meta.resolve('@disclosure-report/core'),
  findings: check(result.report),
  mistyped: check(withCell(result.report, 'requests.granted.total', 7)),
}));
`,
    );
    const out = JSON.parse(await ok(process.execPath, ['check.mjs', seedJson], full)) as { resolved: string; findings: { rule: string; severity: string }[]; mistyped: { rule: string; severity: string }[] };
    expect(out.resolved).toBe(`file://${realpathSync(pkgDir(full, 'core'))}/dist/index.js`);
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(out.findings.map((f) => f.rule)).toContain('sections.fee-report');
    expect(out.mistyped.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain('requests.row-total');
  });

  it('core from CommonJS (require of an ES module, Node >= 20.19)', async () => {
    writeFileSync(join(full, 'check.cjs'), `const { check, validateReport } = require('@disclosure-report/core');\nconsole.log(typeof check, typeof validateReport);\n`);
    expect((await ok(process.execPath, ['check.cjs'], full)).trim()).toBe('function function');
  });

  it('import: the published PDF, all 200 cells', async () => {
    writeFileSync(
      join(full, 'import.mjs'),
      `import { readFile } from 'node:fs/promises';
import { checkImported, importReport } from '@disclosure-report/import';
const result = await importReport(new Uint8Array(await readFile(process.argv[2])), { fileName: 'source.pdf' });
console.log(JSON.stringify({ agency: result.report.agency, completeness: result.completeness, errors: checkImported(result).filter((f) => f.severity === 'error').map((f) => f.rule) }));
`,
    );
    const out = JSON.parse(await ok(process.execPath, ['import.mjs', hongzePdf], full));
    expect(out.agency).toContain('洪泽区');
    expect(out.completeness).toMatchObject({ read: 200, expected: 200 });
    expect(out.errors).toEqual(['reviews.total', 'reviews.total']);
  });

  it('the types: a TypeScript user (nodenext, strict, library types checked) compiles', async () => {
    writeFileSync(
      join(full, 'types.ts'),
      `import { check, validateReport, type Finding, type Report } from '@disclosure-report/core';
import { importReport, type ImportResult } from '@disclosure-report/import';
import { toDocx } from '@disclosure-report/docx';
import type { DisclosureReportElement } from '@disclosure-report/elements';
import taxonomy from '@disclosure-report/core/taxonomy.json' with { type: 'json' };

export async function use(text: string, bytes: Uint8Array, el: DisclosureReportElement): Promise<Uint8Array | undefined> {
  const result = validateReport(JSON.parse(text));
  const findings: Finding[] = result.ok ? check(result.report) : [];
  const imported: ImportResult = await importReport(bytes, { fileName: 'report.pdf' });
  const report: Report = imported.report;
  el.report = report;
  void taxonomy;
  return findings.length ? undefined : toDocx(report, { lang: 'zh-CN' });
}
`,
    );
    writeFileSync(
      join(full, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2023', 'dom', 'dom.iterable'], types: [], strict: true, noEmit: true, skipLibCheck: false, resolveJsonModule: true }, files: ['types.ts'] }),
    );
    const r = await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], full);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('the element, in chromium', () => {
  let server: Server;
  let browser: Browser;
  let base = '';
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

  beforeAll(async () => {
    // A bundler user: `import '@disclosure-report/elements'` in an app built by vite (the
    // workspace's vite, resolving the package and its dependencies in the temporary project).
    const app = join(full, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'main.js'), `import '@disclosure-report/elements';\n`);
    writeFileSync(join(app, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>app</title><script type="module" src="./main.js"></script></head>\n<body><disclosure-report src="/report.json"></disclosure-report></body></html>\n`);
    await ok(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--base', '/app/', '--outDir', 'dist'], app);

    // The self-contained script and the chunks it loads from beside itself, as the package ships them.
    const files: Record<string, string> = {
      '/disclosure-report.js': join(pkgDir(full, 'elements'), 'dist/disclosure-report.js'),
      '/disclosure-report-checks.js': join(pkgDir(full, 'elements'), 'dist/disclosure-report-checks.js'),
      '/disclosure-report-edit.js': join(pkgDir(full, 'elements'), 'dist/disclosure-report-edit.js'),
      '/report.json': seedJson,
    };
    const page = (attributes: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>pack</title></head>
<body><script type="module" src="/disclosure-report.js"></script><disclosure-report src="/report.json"${attributes}></disclosure-report></body></html>`;
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (path === '/' || path === '/edit') {
        const attributes = path === '/edit' ? ' mode="edit" show-findings' : '';
        res.writeHead(200, { 'Content-Type': types['.html'], 'Content-Security-Policy': "default-src 'self'" }).end(page(attributes));
        return;
      }
      const file = path.startsWith('/app/') && !path.includes('..') ? join(app, 'dist', path.slice('/app/'.length) || 'index.html') : files[path];
      if (!file || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch(chromiumLaunchOptions);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it.each([
    ['the self-contained script from the package (one script tag)', '/'],
    ['an app bundling the package (vite)', '/app/'],
  ])('%s shows the report: agency and 200 cells', async (_, path) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + path);
    await expect.poll(() => page.locator('disclosure-report td[data-cell]').count(), { timeout: 30_000 }).toBe(200);
    expect(await page.locator('disclosure-report [part~="title"]').textContent()).toContain('陈家坝镇人民政府');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the self-contained script in edit mode: its chunks (edit mode, the checks) load from beside it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/edit');
    await expect.poll(() => page.locator('disclosure-report td[data-cell] input').count(), { timeout: 30_000 }).toBe(200);
    const input = page.locator('disclosure-report td[data-cell="requests.newReceived.naturalPerson"] input');
    await input.click();
    await page.keyboard.type('5');
    // The checks ran: the row no longer adds up.
    await page.locator('disclosure-report li[data-rule="requests.row-total"]').first().waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('what installing a package pulls in', () => {
  it('core alone: zod, and no PDF, Word or HTML library', async () => {
    const all = installed(coreOnly);
    expect(all).toContain('zod');
    expect(all.filter((n) => readers.includes(n))).toEqual([]);
    expect(all.filter((n) => n.startsWith('@disclosure-report/'))).toEqual(['@disclosure-report/core']);
    const out = await ok(process.execPath, ['--input-type=module', '-e', `import { check } from '@disclosure-report/core'; console.log(typeof check);`], coreOnly);
    expect(out.trim()).toBe('function');
  });

  it('core and the elements, without the optional peer import: none either', () => {
    const all = installed(coreElements);
    expect(all).toEqual(expect.arrayContaining(['zod', 'lit']));
    expect(all.filter((n) => readers.includes(n))).toEqual([]);
    expect(all.filter((n) => n.startsWith('@disclosure-report/')).sort()).toEqual(['@disclosure-report/core', '@disclosure-report/elements']);
  });
});

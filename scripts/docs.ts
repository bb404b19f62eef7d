/**
 * `npm run docs`: the API reference, generated from the source.
 * - docs/elements-api.md from the elements' custom-elements.json (their JSDoc);
 * - docs/api/core/ (HTML, not committed) from core's TSDoc with TypeDoc.
 * `--check` only verifies that docs/elements-api.md is up to date (exit 1 when stale).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const manifestPath = join(root, 'packages/elements/dist/custom-elements.json');

interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  fieldName?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Item[];
  members?: Item[];
  events?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
  slots?: Item[];
}

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (s: string | undefined) => (s ? `\`${s.replace(/\|/g, '\\|')}\`` : '');

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function elementsMarkdown(manifest: { modules: { declarations?: Declaration[] }[] }): string {
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  const parts: string[] = [
    '# Elements API',
    '',
    'Generated from `packages/elements/dist/custom-elements.json` (the JSDoc of each element class) by',
    '`npm run docs`. Do not edit by hand.',
  ];
  for (const el of elements) {
    const attributes = new Set((el.attributes ?? []).map((a) => a.fieldName));
    const properties = (el.members ?? []).filter(
      (m) => m.kind === 'field' && !m.privacy && !m.static && !m.name.startsWith('#') && !attributes.has(m.name),
    );
    const methods = (el.members ?? []).filter((m) => m.kind === 'method' && !m.privacy && !m.static && !m.name.startsWith('#'));
    const sectionsOut = [
      ['Attributes', table(['attribute', 'type', 'default', 'description'], (el.attributes ?? []).map((a) => [code(a.name), code(a.type?.text), code(a.default), cell(a.description)]))],
      ['Properties', table(['property', 'type', 'description'], properties.map((p) => [code(p.name), code(p.type?.text), cell(p.description)]))],
      ['Methods', table(['method', 'description'], methods.map((m) => [code(`${m.name}()`), cell(m.description)]))],
      ['Events', table(['event', 'detail', 'description'], (el.events ?? []).filter((e) => e.name && e.name !== 'type').map((e) => [code(e.name), code(e.type?.text), cell(e.description)]))],
      ['CSS parts', table(['part', 'description'], (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]))],
      ['CSS custom properties', table(['property', 'default', 'description'], (el.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]))],
      ['Slots', table(['slot', 'description'], (el.slots ?? []).map((s) => [code(s.name || '(default)'), cell(s.description)]))],
    ];
    parts.push('', `## \`<${el.tagName}>\``, '', cell(el.summary ?? el.description));
    for (const [title, body] of sectionsOut) if (body) parts.push('', `### ${title}`, '', body as string);
  }
  return `${parts.join('\n')}\n`;
}

if (!existsSync(manifestPath)) {
  console.error('build first: npm run build (the elements build writes custom-elements.json)');
  process.exit(1);
}
const markdown = elementsMarkdown(JSON.parse(readFileSync(manifestPath, 'utf8')));
const target = join(root, 'docs/elements-api.md');
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== markdown) {
    console.error('docs/elements-api.md is stale: run npm run docs');
    process.exit(1);
  }
} else {
  writeFileSync(target, markdown);
  console.log('wrote docs/elements-api.md');
  // One API reference per library package: the report's concepts and rules, the readers, the Word writer.
  for (const name of ['core', 'import', 'docx']) {
    execFileSync(
      'npx',
      ['typedoc', '--tsconfig', `packages/${name}/tsconfig.build.json`, '--out', `docs/api/${name}`, '--name', `@disclosure-report/${name}`, '--readme', `packages/${name}/README.md`, `packages/${name}/src/index.ts`],
      { cwd: root, stdio: 'inherit' },
    );
  }
}

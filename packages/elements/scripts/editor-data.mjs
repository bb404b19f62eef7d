// Editor data from custom-elements.json, so HTML editors complete the tags and attributes:
// dist/vscode.html-custom-data.json (VS Code's html.customData; WebStorm reads it too).
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'));
const tags = [];
for (const mod of manifest.modules) {
  for (const decl of mod.declarations ?? []) {
    if (!decl.customElement || !decl.tagName) continue;
    tags.push({
      name: decl.tagName,
      description: decl.summary ?? decl.description ?? '',
      attributes: (decl.attributes ?? []).map((a) => {
        const values = /^(?:'[^']*'\s*\|\s*)*'[^']*'$/.test(a.type?.text ?? '')
          ? a.type.text.split('|').map((v) => ({ name: v.trim().replace(/^'|'$/g, '') }))
          : a.type?.text === 'boolean'
            ? []
            : undefined;
        return { name: a.name, description: a.description ?? '', ...(values?.length ? { values } : {}), ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}) };
      }),
    });
  }
}
writeFileSync(new URL('../dist/vscode.html-custom-data.json', import.meta.url), `${JSON.stringify({ version: 1.1, tags }, null, 2)}\n`);
console.log(`dist/vscode.html-custom-data.json: ${tags.length} elements`);

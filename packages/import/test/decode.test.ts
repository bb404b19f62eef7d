/** Bytes to text: what a browser reads a page as, and JSON decoded exactly or refused, never garbled. */
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError, decodeText, detectForm, importReport } from '../src/index.js';
import { expectedReport } from '../../core/test/shared.js';
import { fixturesDir, readBytes } from './helpers.js';

const seed = expectedReport('chenjiaba-2023');
const page = () => new TextDecoder().decode(readBytes(join(fixturesDir, 'chenjiaba-2023/page.html')));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('a page that declares UTF-16 in ASCII bytes', () => {
  // The HTML standard (prescan for a meta charset): UTF-16BE/LE found this way means UTF-8.
  it.each(['utf-16', 'UTF-16LE', 'utf-16be', 'unicode', 'ucs-2'])('<meta charset="%s"> on a UTF-8 page is read as UTF-8', (label) => {
    const html = page().replace(/<meta charset="utf-8">/i, `<meta charset="${label}">`);
    expect(html).toContain(`<meta charset="${label}">`);
    expect(decodeText(utf8(html))).toEqual({ text: html, encoding: 'utf-8' });
  });

  it('imports such a page exactly, as a browser shows it', async () => {
    const html = page().replace(/<meta charset="utf-8">/i, '<meta charset="utf-16">');
    const r = await importReport(utf8(html), { fileName: 'page.html' });
    expect(r.encoding).toBe('utf-8');
    expect(r.report).toEqual(seed);
  });

  it('reads other declarations by their WHATWG names; an unknown label is ignored', () => {
    const s = '陈家坝镇人民政府';
    const gbHtml = `<html><head><meta charset="gb2312"></head><body>${s}</body></html>`;
    expect(decodeText(new Uint8Array(iconv.encode(gbHtml, 'gb18030')))).toEqual({ text: gbHtml, encoding: 'gb18030' });
    const unknown = `<html><head><meta charset="no-such-charset"></head><body>${s}</body></html>`;
    expect(decodeText(utf8(unknown))).toEqual({ text: unknown, encoding: 'utf-8' });
    const xml = `<?xml version="1.0" encoding="UTF-16"?><html><body>${s}</body></html>`;
    expect(decodeText(utf8(xml))).toEqual({ text: xml, encoding: 'utf-8' });
  });
});

describe('JSON given to importReport', () => {
  const json = JSON.stringify(seed, null, 2);

  it('decodes a GB18030 report document and says so', async () => {
    const bytes = new Uint8Array(iconv.encode(json, 'gb18030'));
    const r = await importReport(bytes, { fileName: 'report.json' });
    expect(r.report).toEqual(seed);
    expect(r.encoding).toBe('gb18030');
    expect(r.notes[0]).toMatchObject({ code: 'encoding', message: 'decoded as gb18030' });
    // Without a file name too (the form from the content).
    expect((await importReport(bytes)).report).toEqual(seed);
  });

  it('takes no charset from markup inside the document’s strings', () => {
    // A JSON document declares nothing: text that looks like a <meta> is data.
    // (Unquoted: JSON escapes the quotes of charset="…".)
    const doc = JSON.stringify({ title: '<meta charset=windows-1252> 陈家坝镇', note: '<meta charset=utf-16>' });
    expect(decodeText(utf8(doc))).toEqual({ text: doc, encoding: 'utf-8' });
  });

  it('refuses a document that is neither UTF-8 nor GB18030, rather than read it with U+FFFD', async () => {
    const at = json.indexOf('陈家坝');
    const bytes = new Uint8Array([...utf8(json.slice(0, at)), 0xff, 0xfe, 0x81, ...utf8(json.slice(at))]);
    await expect(importReport(bytes, { fileName: 'report.json' })).rejects.toMatchObject({
      name: 'ImportError',
      code: 'unknown-encoding',
      message: expect.stringContaining('neither UTF-8 nor GB18030'),
    });
    expect(() => decodeText(bytes, { form: 'json' })).toThrow(ImportError);
    // Text and HTML are read as far as they can be: decodeText never throws for them.
    expect(decodeText(bytes, { form: 'text' }).encoding).toBe('gb18030');
    // A head cut in the middle of a character still tells the form.
    expect(detectForm(bytes)).toBe('json');
  });

  it('reads a UTF-16 document with a byte order mark, and refuses one whose BOM lies', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(json, 'utf16le'))]);
    expect((await importReport(le, { fileName: 'report.json' })).report).toEqual(seed);
    const lying = new Uint8Array([0xef, 0xbb, 0xbf, ...new Uint8Array(iconv.encode(json, 'gb18030'))]);
    await expect(importReport(lying, { fileName: 'report.json' })).rejects.toMatchObject({ code: 'unknown-encoding' });
  });
});

/** Bytes to text: BOM, a declared charset (`<meta charset>`), else UTF-8 when valid, else GB18030. */
import type { SourceForm } from './types.js';

const GB = /^(?:gb2312|gbk|gb18030|x-gbk|gb_2312-80|csgb2312|chinese|euc-cn|cp936|windows-936)$/i;

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 4096));
  const m =
    /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})/i.exec(head) ??
    /^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.-]{1,40})/i.exec(head);
  return m?.[1]?.toLowerCase();
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

function tryDecode(encoding: string, bytes: Uint8Array, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decodes a text or HTML file. `encoding` is the WHATWG name used (`utf-8`, `gb18030`, `utf-16le`, …). */
export function decodeText(bytes: Uint8Array, _hint?: { fileName?: string }): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: tryDecode('utf-8', bytes.subarray(3), false) ?? '', encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: tryDecode('utf-16le', bytes.subarray(2), false) ?? '', encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: tryDecode('utf-16be', bytes.subarray(2), false) ?? '', encoding: 'utf-16be' };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33)
    return { text: tryDecode('gb18030', bytes.subarray(4), false) ?? '', encoding: 'gb18030' };
  const declared = declaredCharset(bytes);
  if (declared && GB.test(declared)) return { text: tryDecode('gb18030', bytes, false) ?? '', encoding: 'gb18030' };
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    const t = tryDecode(declared, bytes, true);
    if (t !== undefined) return { text: t, encoding: declared };
  }
  const utf8 = tryDecode('utf-8', bytes, true);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  return { text: tryDecode('gb18030', bytes, false) ?? '', encoding: 'gb18030' };
}

const EXT: Record<string, SourceForm> = {
  pdf: 'pdf',
  docx: 'docx',
  html: 'html',
  htm: 'html',
  shtml: 'html',
  xhtml: 'html',
  txt: 'text',
  text: 'text',
  md: 'text',
  json: 'json',
};

/** Guesses the form of a source: magic bytes (%PDF, PK zip), the file name's extension, then the content. */
export function detectForm(input: Uint8Array | string, hint: { fileName?: string } = {}): SourceForm {
  if (typeof input !== 'string') {
    if (input[0] === 0x25 && input[1] === 0x50 && input[2] === 0x44 && input[3] === 0x46) return 'pdf';
    if (input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04) return 'docx';
  }
  const ext = /\.([A-Za-z0-9]{1,6})$/.exec(hint.fileName ?? '')?.[1]?.toLowerCase();
  if (ext && EXT[ext]) return EXT[ext];
  const head = typeof input === 'string' ? input.slice(0, 65536) : decodeText(input.subarray(0, 65536)).text;
  const trimmed = head.replace(/^[\ufeff\s]+/, '');
  if (trimmed.startsWith('%PDF')) return 'pdf';
  if (trimmed.startsWith('{')) return 'json';
  if (/<(?:!doctype\s+html|html|head|body|table|meta|div|p)[\s>/]/i.test(trimmed)) return 'html';
  return 'text';
}

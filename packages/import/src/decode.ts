/**
 * Bytes to text: BOM, a declared charset (`<meta charset>`), else UTF-8 when valid, else GB18030.
 * A JSON document declares nothing: BOM, valid UTF-8, else valid GB18030, else it is refused
 * (an {@link ImportError}) rather than read with U+FFFD in its strings.
 */
import { ImportError, type SourceForm } from './types.js';

const GB = /^(?:gb2312|gbk|gb18030|x-gbk|gb_2312-80|csgb2312|chinese|euc-cn|cp936|windows-936)$/i;

/**
 * The encoding a declared label stands for, as the HTML standard reads a page's declaration:
 * its WHATWG name, with UTF-16 read as UTF-8 (a declaration found in ASCII bytes cannot be
 * UTF-16: browsers read such a page as UTF-8) and x-user-defined as windows-1252. Undefined for
 * a label no decoder knows (the declaration is then ignored).
 */
function encodingFor(label: string): string | undefined {
  if (GB.test(label)) return 'gb18030';
  if (label === 'x-user-defined') return 'windows-1252';
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  if (encoding === 'gbk') return 'gb18030';
  return encoding;
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 4096));
  const m =
    /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})/i.exec(head) ??
    /^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.-]{1,40})/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  return label === undefined ? undefined : encodingFor(label);
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

/** The byte order mark the bytes start with: its encoding and length. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return undefined;
}

/** Whether the bytes hold a JSON document: `{` first, after a BOM and white space. */
function startsLikeJson(bytes: Uint8Array): boolean {
  const bom = byteOrderMark(bytes);
  // UTF-16: every other byte (the low byte of each code unit).
  const step = bom?.encoding.startsWith('utf-16') ? 2 : 1;
  let i = (bom?.length ?? 0) + (bom?.encoding === 'utf-16be' ? 1 : 0);
  const end = Math.min(bytes.length, 4096);
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += step;
  return bytes[i] === 0x7b;
}

/** A JSON document: BOM, valid UTF-8, valid GB18030, else refused. Never a U+FFFD in place of a byte. */
function decodeJson(bytes: Uint8Array): { text: string; encoding: string } {
  const bom = byteOrderMark(bytes);
  if (bom) {
    const text = tryDecode(bom.encoding, bytes.subarray(bom.length), true);
    if (text === undefined) throw new ImportError('unknown-encoding', `the JSON starts with a ${bom.encoding.toUpperCase()} byte order mark but is not ${bom.encoding.toUpperCase()} text`);
    return { text, encoding: bom.encoding };
  }
  const utf8 = tryDecode('utf-8', bytes, true);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes, true);
  if (gb !== undefined) return { text: gb, encoding: 'gb18030' };
  throw new ImportError('unknown-encoding', 'the JSON is neither UTF-8 nor GB18030 text: save it as UTF-8');
}

/** Text or HTML: BOM, a declared charset, valid UTF-8, else GB18030 (what cannot be decoded becomes U+FFFD). */
function decodeMarkup(bytes: Uint8Array): { text: string; encoding: string } {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: tryDecode(bom.encoding, bytes.subarray(bom.length), false) ?? '', encoding: bom.encoding };
  const declared = declaredCharset(bytes);
  if (declared === 'gb18030') return { text: tryDecode('gb18030', bytes, false) ?? '', encoding: 'gb18030' };
  if (declared && declared !== 'utf-8') {
    const t = tryDecode(declared, bytes, true);
    if (t !== undefined) return { text: t, encoding: declared };
  }
  const utf8 = tryDecode('utf-8', bytes, true);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  return { text: tryDecode('gb18030', bytes, false) ?? '', encoding: 'gb18030' };
}

/**
 * Decodes a text, HTML or JSON file. `encoding` is the WHATWG name used (`utf-8`, `gb18030`,
 * `utf-16le`, …). A JSON document (`hint.form` json, a `.json` name, or `{` first) is decoded
 * without U+FFFD or refused with an {@link ImportError}; text and HTML never throw.
 */
export function decodeText(bytes: Uint8Array, hint: { fileName?: string; form?: SourceForm } = {}): { text: string; encoding: string } {
  const json = hint.form ? hint.form === 'json' : /\.json$/i.test(hint.fileName ?? '') || startsLikeJson(bytes);
  return json ? decodeJson(bytes) : decodeMarkup(bytes);
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
  // Leniently: a head cut mid-character is still enough to tell the form.
  const head = typeof input === 'string' ? input.slice(0, 65536) : decodeMarkup(input.subarray(0, 65536)).text;
  const trimmed = head.replace(/^[\ufeff\s]+/, '');
  if (trimmed.startsWith('%PDF')) return 'pdf';
  if (trimmed.startsWith('{')) return 'json';
  if (/<(?:!doctype\s+html|html|head|body|table|meta|div|p)[\s>/]/i.test(trimmed)) return 'html';
  return 'text';
}

/**
 * The zip container of a Word (.docx) file, checked before mammoth (JSZip) opens it: a small
 * file can inflate to gigabytes, and mammoth keeps about 1.5 KB of objects per XML element.
 *
 * The central directory is read first and its sizes checked; then every XML part is really
 * inflated (DecompressionStream, in Node and browsers) with a running byte count — the
 * directory can lie — and its markup counted. What mammoth gets is a new archive of the XML
 * parts alone, their compressed bytes as they were, their sizes as measured: images, embedded
 * fonts and other binary entries are left out (the importer reads text, and mammoth would
 * parse any entry a relationship points at as XML).
 */
import { docxLimits, formatBytes } from './limits.js';
import { ImportError } from './types.js';

interface Entry {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const unreadable = (why: string) => new ImportError('docx-unreadable', `not a readable Word (.docx) file: ${why}`);
const tooLarge = (why: string) => new ImportError('docx-too-large', `the Word (.docx) file is too large to read: ${why}`);

const MAX32 = 0xffffffff;

function u64(dv: DataView, at: number): number {
  const v = dv.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable('a zip64 size out of range');
  return Number(v);
}

/** The entries of the central directory (sizes as declared), checked against {@link docxLimits}. */
export function centralDirectory(bytes: Uint8Array): Entry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('no zip central directory (the file is cut short or not a zip)');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    // Zip64: the real values are in the zip64 end record the locator points at.
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw unreadable('a zip64 archive without its locator');
    const rec = u64(dv, loc + 8);
    if (rec + 56 > bytes.length || dv.getUint32(rec, true) !== 0x06064b50) throw unreadable('a zip64 archive without its end record');
    count = u64(dv, rec + 32);
    cdSize = u64(dv, rec + 40);
    cdOffset = u64(dv, rec + 48);
  }
  if (count > docxLimits.entries) throw tooLarge(`it has ${count} entries (limit ${docxLimits.entries})`);
  if (cdOffset + cdSize > bytes.length) throw unreadable('the central directory lies past the end of the file (cut short?)');
  const entries: Entry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdOffset + cdSize || dv.getUint32(p, true) !== 0x02014b50) throw unreadable('a damaged central directory');
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) throw unreadable('a damaged central directory');
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const e: Entry = {
      name: new TextDecoder().decode(nameBytes),
      nameBytes,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    if (e.size === MAX32 || e.compressedSize === MAX32 || e.localOffset === MAX32) {
      // Zip64 extended information: the 0xFFFFFFFF fields, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = dv.getUint16(x, true);
        const len = dv.getUint16(x + 2, true);
        if (id === 0x0001) {
          let f = x + 4;
          const take = () => {
            if (f + 8 > x + 4 + len) throw unreadable(`${e.name}: a damaged zip64 field`);
            const v = u64(dv, f);
            f += 8;
            return v;
          };
          if (e.size === MAX32) e.size = take();
          if (e.compressedSize === MAX32) e.compressedSize = take();
          if (e.localOffset === MAX32) e.localOffset = take();
          break;
        }
        x += 4 + len;
      }
    }
    if (e.size > docxLimits.entryBytes) throw tooLarge(`${e.name} would inflate to ${formatBytes(e.size)} (limit ${formatBytes(docxLimits.entryBytes)} an entry)`);
    total += e.size;
    if (total > docxLimits.totalBytes) throw tooLarge(`its entries would inflate to more than ${formatBytes(docxLimits.totalBytes)} (at ${e.name})`);
    entries.push(e);
    p = end;
  }
  return entries;
}

/** The compressed bytes of an entry (after its local header). */
function entryData(bytes: Uint8Array, e: Entry): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localOffset + 30 > bytes.length || dv.getUint32(e.localOffset, true) !== 0x04034b50) throw unreadable(`${e.name}: no local header where the directory says`);
  const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
  if (start + e.compressedSize > bytes.length) throw unreadable(`${e.name}: its data runs past the end of the file (cut short?)`);
  return bytes.subarray(start, start + e.compressedSize);
}

/**
 * Counts the markup of XML parts, chunk by chunk: nodes (elements, attributes, comments,
 * processing instructions, CDATA sections) over all parts, the top-level nodes and the depth
 * of each. Refuses a DTD (Office Open XML forbids them).
 */
class MarkupCount {
  nodes = 0;
  private part = '';
  private state = 0;
  private depth = 0;
  private top = 0;
  private quote = 0;
  private last = 0;
  private p1 = 0;
  private p2 = 0;
  private bang = '';

  start(part: string): void {
    this.part = part;
    this.state = 0;
    this.depth = 0;
    this.top = 0;
  }

  private node(): void {
    if (++this.nodes > docxLimits.xmlNodes)
      throw tooLarge(`its XML has more than ${docxLimits.xmlNodes} elements and attributes (at ${this.part}); a report has far fewer`);
    if (this.depth === 0 && ++this.top > docxLimits.xmlTopLevel) throw unreadable(`${this.part} is not one XML document (${this.top} nodes at its top level)`);
  }

  feed(chunk: Uint8Array): void {
    const L = 0x3c; // <
    const G = 0x3e; // >
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      switch (this.state) {
        case 0: // text
          if (b === L) this.state = 1;
          break;
        case 1: // after <
          if (b === 0x2f) this.state = 4;
          else if (b === 0x3f) {
            this.node();
            this.state = 7;
            this.p1 = 0;
          } else if (b === 0x21) {
            this.state = 8;
            this.bang = '';
          } else if (((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) || b === 0x5f || b === 0x3a || b >= 0x80) {
            this.node();
            this.state = 2;
            this.last = b;
          } else this.state = b === L ? 1 : 0;
          break;
        case 2: // in a start tag
          if (b === 0x22 || b === 0x27) {
            this.node(); // an attribute's value
            this.quote = b;
            this.state = 3;
          } else if (b === G) {
            if (this.last !== 0x2f && ++this.depth > docxLimits.xmlDepth) throw tooLarge(`${this.part} nests elements more than ${docxLimits.xmlDepth} deep`);
            this.state = 0;
          } else if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) this.last = b;
          break;
        case 3: // in an attribute value
          if (b === this.quote) {
            this.state = 2;
            this.last = b;
          }
          break;
        case 4: // in an end tag
          if (b === G) {
            if (this.depth > 0) this.depth--;
            this.state = 0;
          }
          break;
        case 5: // in a comment
        case 6: // in CDATA
          if (b === G && this.p1 === (this.state === 5 ? 0x2d : 0x5d) && this.p2 === this.p1) this.state = 0;
          this.p2 = this.p1;
          this.p1 = b;
          break;
        case 7: // in a processing instruction
          if (b === G && this.p1 === 0x3f) this.state = 0;
          this.p1 = b;
          break;
        case 8: {
          // after <!
          this.bang += String.fromCharCode(b);
          if (this.bang === '--' || this.bang === '[CDATA[') {
            this.node();
            this.state = this.bang === '--' ? 5 : 6;
            this.p1 = 0;
            this.p2 = 0;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            throw unreadable(`${this.part} declares a DTD or entities (Word files never do)`);
          }
          break;
        }
      }
    }
  }
}

const CHUNK = 64 * 1024;

/** Inflates raw deflate data chunk by chunk, handing each to `each` (which returns false to stop early). */
async function inflate(data: Uint8Array, each: (chunk: Uint8Array) => boolean, name: string): Promise<void> {
  if (data.length === 0) return;
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let stop = false;
  const pump = (async () => {
    for (let i = 0; i < data.length && !stop; i += CHUNK) await writer.write(data.subarray(i, i + CHUNK) as Uint8Array<ArrayBuffer>);
    if (!stop) await writer.close();
  })();
  pump.catch(() => undefined);
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        throw unreadable(`${name} does not inflate (${e instanceof Error ? e.message : String(e)})`);
      }
      if (r.done || !each(r.value)) break;
    }
  } finally {
    stop = true;
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Checks a .docx and returns the archive mammoth is to open: its XML parts only, each inflating
 * to what was measured. Throws `docx-too-large` past {@link docxLimits}, `docx-unreadable` for
 * a damaged or strange archive.
 */
export async function checkedDocx(bytes: Uint8Array): Promise<ArrayBuffer> {
  const entries = centralDirectory(bytes);
  const count = new MarkupCount();
  let xmlBytes = 0;
  const kept: { e: Entry; data: Uint8Array; size: number }[] = [];
  for (const e of entries) {
    if (e.flags & 1) throw unreadable(`${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw unreadable(`${e.name} is compressed with method ${e.method} (not deflate)`);
    if (e.name.endsWith('/')) continue;
    const data = entryData(bytes, e);
    // XML (after a BOM and blanks) or not, from the first bytes: other entries are left out.
    let kind: 'xml' | 'other' | undefined;
    let seen = 0;
    let size = 0;
    const cap = Math.min(docxLimits.entryBytes, docxLimits.xmlBytes - xmlBytes);
    const each = (chunk: Uint8Array): boolean => {
      for (let i = 0; kind === undefined && i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (seen < 3 && b === BOM[seen]) seen++;
        else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) seen = 3;
        else {
          kind = b === 0x3c ? 'xml' : 'other';
          if (kind === 'xml') count.start(e.name);
        }
      }
      if (kind === 'other') return false;
      size += chunk.length;
      if (size > cap) {
        const what = size > docxLimits.entryBytes ? `${formatBytes(docxLimits.entryBytes)} an entry` : `${formatBytes(docxLimits.xmlBytes)} of XML over all parts`;
        const says = e.size < size ? ` though the archive says ${formatBytes(e.size)}` : '';
        throw tooLarge(`${e.name} inflates to more than ${formatBytes(cap)}${says} (limit ${what})`);
      }
      if (kind === 'xml') count.feed(chunk);
      return true;
    };
    if (e.method === 0) {
      for (let i = 0; i < data.length; i += CHUNK) if (!each(data.subarray(i, i + CHUNK))) break;
    } else await inflate(data, each, e.name);
    if (kind !== 'xml') continue;
    xmlBytes += size;
    kept.push({ e, data, size });
  }
  return zipOf(kept);
}

/** A plain archive of the kept entries (compressed bytes as they were, sizes as measured). */
function zipOf(kept: readonly { e: Entry; data: Uint8Array; size: number }[]): ArrayBuffer {
  let length = 22;
  for (const k of kept) length += 30 + 46 + 2 * k.e.nameBytes.length + k.data.length;
  const out = new Uint8Array(length);
  const dv = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const { e, data, size } of kept) {
    offsets.push(p);
    dv.setUint32(p, 0x04034b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, e.flags & 0x0800, true);
    dv.setUint16(p + 8, e.method, true);
    dv.setUint32(p + 14, e.crc, true);
    dv.setUint32(p + 18, data.length, true);
    dv.setUint32(p + 22, size, true);
    dv.setUint16(p + 26, e.nameBytes.length, true);
    out.set(e.nameBytes, p + 30);
    out.set(data, p + 30 + e.nameBytes.length);
    p += 30 + e.nameBytes.length + data.length;
  }
  const cdStart = p;
  kept.forEach(({ e, data, size }, k) => {
    dv.setUint32(p, 0x02014b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, e.flags & 0x0800, true);
    dv.setUint16(p + 10, e.method, true);
    dv.setUint32(p + 16, e.crc, true);
    dv.setUint32(p + 20, data.length, true);
    dv.setUint32(p + 24, size, true);
    dv.setUint16(p + 28, e.nameBytes.length, true);
    dv.setUint32(p + 42, offsets[k] as number, true);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  dv.setUint32(p, 0x06054b50, true);
  dv.setUint16(p + 8, kept.length, true);
  dv.setUint16(p + 10, kept.length, true);
  dv.setUint32(p + 12, p - cdStart, true);
  dv.setUint32(p + 16, cdStart, true);
  return out.buffer;
}

/**
 * A minimal zip reader and writer for tests: takes a fixture .docx apart and builds hostile
 * ones (deflate bombs, central directories that lie) without holding what they inflate to.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The content (deflated on writing unless `stored`). */
  data?: Uint8Array;
  /** Already-deflated content (a bomb from {@link deflateRepeated}). */
  deflated?: Uint8Array;
  stored?: boolean;
  /** The uncompressed size to declare (default: the real one). */
  declaredSize?: number;
}

/** The entries of a zip (names and inflated contents). */
export function readZip(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: { name: string; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw.slice() });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * Raw deflate of `prefix + unit × times + suffix`, built from one compressed megabyte of
 * `unit` repeated: full flushes make each copy independent, so the bomb never exists inflated.
 * Returns the deflated bytes and the size they inflate to.
 */
export function deflateRepeated(prefix: string, unit: string, times: number, suffix: string): { deflated: Uint8Array; size: number } {
  const enc = new TextEncoder();
  const full = { finishFlush: constants.Z_FULL_FLUSH };
  const perChunk = Math.max(1, Math.floor(1_000_000 / Buffer.byteLength(unit)));
  const head = deflateRawSync(enc.encode(prefix), full);
  const chunk = deflateRawSync(enc.encode(unit.repeat(perChunk)), full);
  const rest = times % perChunk;
  const tail = deflateRawSync(enc.encode(unit.repeat(rest) + suffix), { finishFlush: constants.Z_FINISH });
  const chunks = Math.floor(times / perChunk);
  const deflated = new Uint8Array(head.length + chunk.length * chunks + tail.length);
  deflated.set(head, 0);
  for (let i = 0; i < chunks; i++) deflated.set(chunk, head.length + i * chunk.length);
  deflated.set(tail, head.length + chunks * chunk.length);
  const size = Buffer.byteLength(prefix) + Buffer.byteLength(unit) * times + Buffer.byteLength(suffix);
  return { deflated, size };
}

/** A zip of the entries (deflated unless stored), with sizes as given. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const stored = e.stored === true && !e.deflated;
    const body = e.deflated ?? (stored ? (e.data as Uint8Array) : new Uint8Array(deflateRawSync(e.data as Uint8Array)));
    const realSize = e.data?.length ?? 0;
    const size = e.declaredSize ?? realSize;
    const crc = e.data ? crc32(e.data) : 0;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, stored ? 0 : 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, stored ? 0 : 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, a) => n + a.length, 0));
  let p = 0;
  for (const a of all) {
    out.set(a, p);
    p += a.length;
  }
  return out;
}

/**
 * The fixture .docx with `word/document.xml`'s body grown by `unit × times` before its end
 * (deflated, never held inflated), and other changes to the entries.
 */
export function docxBomb(
  fixture: Uint8Array,
  unit: string,
  times: number,
  options: { declaredSize?: number; stored?: boolean } = {},
): { bytes: Uint8Array; size: number } {
  const entries = readZip(fixture);
  const doc = entries.find((e) => e.name === 'word/document.xml') as { name: string; data: Uint8Array };
  const xml = new TextDecoder().decode(doc.data);
  const at = xml.lastIndexOf('<w:sectPr');
  if (options.stored) {
    const data = new TextEncoder().encode(xml.slice(0, at) + unit.repeat(times) + xml.slice(at));
    return { bytes: writeZip(entries.map((e) => (e === doc ? { name: e.name, data, stored: true } : e))), size: data.length };
  }
  const { deflated, size } = deflateRepeated(xml.slice(0, at), unit, times, xml.slice(at));
  const bytes = writeZip(entries.map((e) => (e === doc ? { name: e.name, deflated, declaredSize: options.declaredSize ?? size } : e)));
  return { bytes, size };
}

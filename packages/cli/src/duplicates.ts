/**
 * The reports seen so far in one `check` run, to name the same report twice in a batch with
 * memory bounded per report: an open-addressing table of 64-bit digests of agency|year|format, and
 * in a byte arena (UTF-8, outside the JavaScript heap) the key and the name of the first file with
 * it. 24 to 48 bytes of table plus the key's and the name's bytes per distinct report (about
 * 100 bytes: 100,000 reports take some 10 MB); a repeat costs nothing. The key itself is compared
 * on a digest match, so two reports are never taken for one.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Two 32-bit multiply-xorshift lanes over the UTF-16 code units (a table digest, not a cryptographic one). */
function digest(key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

export class DuplicateIndex {
  /** Digest halves (hi, lo) per slot. */
  private digests = new Uint32Array(2 * 1024);
  /** 1 + the offset of the slot's entry in the arena; 0 for an empty slot. */
  private entries = new Uint32Array(1024);
  private count = 0;
  private arena = new Uint8Array(64 * 1024);
  private view = new DataView(this.arena.buffer);
  private used = 0;

  /** Records `name` under `key`; returns the name of an earlier file with the same key, if any. */
  seen(key: string, name: string): string | undefined {
    const [hi, lo] = digest(key);
    // The entry is written after the arena's end first (no allocation per report), and kept only if new.
    const offset = this.write(key, name);
    const mask = this.entries.length - 1;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const at = this.entries[slot] as number;
      if (at === 0) break;
      if (this.digests[2 * slot] === hi && this.digests[2 * slot + 1] === lo && this.sameKey(at - 1, offset)) return this.nameOf(at - 1);
    }
    this.used = offset + 8 + this.view.getUint32(offset) + this.view.getUint32(offset + 4 + this.view.getUint32(offset));
    this.insert(hi, lo, offset);
    // At most half full: probes stay short.
    if (++this.count * 2 > this.entries.length) this.grow();
    return undefined;
  }

  private insert(hi: number, lo: number, offset: number): void {
    const mask = this.entries.length - 1;
    let slot = lo & mask;
    while (this.entries[slot] !== 0) slot = (slot + 1) & mask;
    this.digests[2 * slot] = hi;
    this.digests[2 * slot + 1] = lo;
    this.entries[slot] = offset + 1;
  }

  private grow(): void {
    const { digests, entries } = this;
    this.digests = new Uint32Array(digests.length * 2);
    this.entries = new Uint32Array(entries.length * 2);
    for (let slot = 0; slot < entries.length; slot++) {
      const at = entries[slot] as number;
      if (at !== 0) this.insert(digests[2 * slot] as number, digests[2 * slot + 1] as number, at - 1);
    }
  }

  /** Writes the key and the name, each with its length, at the arena's end; returns the offset. */
  private write(key: string, name: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const need = this.used + 8 + 3 * (key.length + name.length);
    if (need > this.arena.length) {
      const bigger = new Uint8Array(Math.max(need, this.arena.length * 2));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
      this.view = new DataView(bigger.buffer);
    }
    const offset = this.used;
    const keyLength = encoder.encodeInto(key, this.arena.subarray(offset + 4)).written;
    this.view.setUint32(offset, keyLength);
    const nameAt = offset + 8 + keyLength;
    this.view.setUint32(nameAt - 4, encoder.encodeInto(name, this.arena.subarray(nameAt)).written);
    return offset;
  }

  /** Whether the keys of two entries are the same bytes. */
  private sameKey(a: number, b: number): boolean {
    const length = this.view.getUint32(a);
    if (this.view.getUint32(b) !== length) return false;
    for (let i = 4; i < length + 4; i++) if (this.arena[a + i] !== this.arena[b + i]) return false;
    return true;
  }

  private nameOf(offset: number): string {
    const start = offset + 8 + this.view.getUint32(offset);
    return decoder.decode(this.arena.subarray(start, start + this.view.getUint32(start - 4)));
  }
}

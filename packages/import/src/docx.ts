/** Word (.docx) to HTML with mammoth (tables keep their merged cells as colspan/rowspan). Loaded on demand. */
import { ImportError } from './types.js';

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mod = (await import('mammoth')) as unknown as { default?: MammothApi } & Partial<MammothApi>;
  const mammoth: MammothApi = typeof mod.convertToHtml === 'function' ? (mod as MammothApi) : (mod.default as MammothApi);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let result: { value: string };
  try {
    // Buffer in Node (mammoth's Node build reads `buffer`), ArrayBuffer in browsers.
    const input = typeof (globalThis as { Buffer?: unknown }).Buffer === 'function'
      ? { buffer: (globalThis as unknown as { Buffer: { from(b: ArrayBuffer): unknown } }).Buffer.from(arrayBuffer) }
      : { arrayBuffer };
    result = await mammoth.convertToHtml(input as never);
  } catch (e) {
    throw new ImportError('docx-unreadable', `not a readable Word (.docx) file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result.value;
}

interface MammothApi {
  convertToHtml(input: never, options?: unknown): Promise<{ value: string }>;
}

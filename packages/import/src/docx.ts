/** Word (.docx) to HTML with mammoth (tables keep their merged cells as colspan/rowspan). Loaded on demand. */
import { ImportError } from './types.js';
import { checkedDocx } from './zip.js';

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  // The archive checked against docxLimits (what it inflates to, and how much markup): its XML parts only.
  const arrayBuffer = await checkedDocx(bytes);
  const mod = (await import('mammoth')) as unknown as { default?: MammothApi } & Partial<MammothApi>;
  const mammoth: MammothApi = typeof mod.convertToHtml === 'function' ? (mod as MammothApi) : (mod.default as MammothApi);
  let result: { value: string };
  try {
    // Buffer in Node (mammoth's Node build reads `buffer`), ArrayBuffer in browsers.
    const input = typeof (globalThis as { Buffer?: unknown }).Buffer === 'function'
      ? { buffer: (globalThis as unknown as { Buffer: { from(b: ArrayBuffer): unknown } }).Buffer.from(arrayBuffer) }
      : { arrayBuffer };
    // Images are not read (the importer reads text): a placeholder instead of a data: URI of each.
    result = await mammoth.convertToHtml(input as never, { convertImage: mammoth.images.imgElement(() => ({ src: '' })) });
  } catch (e) {
    throw new ImportError('docx-unreadable', `not a readable Word (.docx) file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result.value;
}

interface MammothApi {
  convertToHtml(input: never, options?: unknown): Promise<{ value: string }>;
  images: { imgElement(f: (image: unknown) => Record<string, string>): unknown };
}

/** A folder served on 127.0.0.1: its base URL, the paths asked for, and a way to stop. */
export interface ServedFolder {
  base: string;
  served: string[];
  close(): Promise<void>;
}
/** Serves `dir` (each file with its content type and these headers; 404 outside it). */
export declare function serveFolder(dir: string, headers?: Record<string, string>): Promise<ServedFolder>;

// Sizes of the shipped files, and the budget `npm test` enforces on the one-file build.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * What every visitor downloads: the self-contained <script> file (Lit and zod/mini included) stays at or under 20 KB
 * gzip. Lazily loaded chunks (other languages, page tools, log pane, picker, push-to-talk) are reported, not counted.
 */
export const BUDGET_GZIP_BYTES = 20 * 1024;

export function sizeOf(path) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

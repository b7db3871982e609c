import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const SOURCE = resolve(import.meta.dirname, '../src/core/pcm-worklets.js');
const LOADER = /new URL\(WORKLETS, import\.meta\.url\)/;

/**
 * Ships the audio worklets as a file beside the built script, and points the loader at it with a literal
 * `new URL('./file', import.meta.url)` — written after Vite's own asset step, which in library mode would inline the
 * file as a data: URL (refused by a strict CSP). A literal is also what an app's bundler recognises and copies.
 * The classic build has no `import.meta`: it resolves against the script's own URL, read when the script runs.
 */
export function workletFile({ fileName = 'pcm-worklets.js', classic = false }: { fileName?: string; classic?: boolean } = {}): Plugin {
  return {
    name: 'rvc-worklet-file',
    enforce: 'post',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/src/core/pcm-audio.ts')) return undefined;
      if (!LOADER.test(code)) this.error('pcm-audio.ts no longer loads its worklets with new URL(WORKLETS, import.meta.url)');
      return code.replace(LOADER, `new URL(${JSON.stringify(`./${fileName}`)}, ${classic ? 'globalThis.__rvcScriptUrl' : 'import.meta.url'})`);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(SOURCE, 'utf8') });
    },
  };
}

/** For the classic build: the script's own URL, read while it runs (document.currentScript is gone afterwards). */
export const CLASSIC_SCRIPT_URL = `globalThis.__rvcScriptUrl=typeof document<"u"&&document.currentScript&&document.currentScript.src||location.href;`;

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Plain-JavaScript files loaded from a URL at run time: the module that loads each, and how it names the file. */
const FILES = [
  { name: 'pcm-worklets.js', module: '/src/core/pcm-audio.ts', loader: /new URL\(WORKLETS, import\.meta\.url\)/, says: 'new URL(WORKLETS, import.meta.url)' },
  { name: 'socket-worker.js', module: '/src/core/worker-socket.ts', loader: /new URL\(WORKER, import\.meta\.url\)/, says: 'new URL(WORKER, import.meta.url)' },
];

/**
 * Ships the audio worklets and the socket worker as files beside the built script, and points each loader at its
 * file with a literal `new URL('./file', import.meta.url)` — written after Vite's own asset step, which in library
 * mode would inline the file as a data: URL (refused by a strict CSP). A literal is also what an app's bundler
 * recognises and copies. The classic build has no `import.meta`: it resolves against the script's own URL, read when
 * the script runs.
 */
export function workletFile({ prefix = '', classic = false }: { prefix?: string; classic?: boolean } = {}): Plugin {
  return {
    name: 'rvc-worklet-file',
    enforce: 'post',
    transform(code, id) {
      const file = FILES.find((f) => id.replace(/\\/g, '/').endsWith(f.module));
      if (!file) return undefined;
      if (!file.loader.test(code)) this.error(`${file.module} no longer loads its file with ${file.says}`);
      return code.replace(file.loader, `new URL(${JSON.stringify(`./${prefix}${file.name}`)}, ${classic ? 'globalThis.__rvcScriptUrl' : 'import.meta.url'})`);
    },
    generateBundle() {
      for (const file of FILES) this.emitFile({ type: 'asset', fileName: `${prefix}${file.name}`, source: readFileSync(resolve(import.meta.dirname, `../src/core/${file.name}`), 'utf8') });
    },
  };
}

/** For the classic build: the script's own URL, read while it runs (document.currentScript is gone afterwards). */
export const CLASSIC_SCRIPT_URL = `globalThis.__rvcScriptUrl=typeof document<"u"&&document.currentScript&&document.currentScript.src||location.href;`;

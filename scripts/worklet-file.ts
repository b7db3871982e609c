import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Plain-JavaScript files loaded from a URL at run time: the module that loads each, and how it names the file. */
const FILES = [
  {
    name: 'pcm-worklets.js',
    module: '/src/core/audio/pcm-audio.ts',
    loader: /new URL\(WORKLETS, import\.meta\.url\)/,
    says: 'new URL(WORKLETS, import.meta.url)',
    beside: (url: string) => url,
    // The classic build: a blob: URL of the worklets' own text (a worklet loads from a URL, any URL).
    inline: (source: string) => `URL.createObjectURL(new Blob([${JSON.stringify(source)}],{type:"text/javascript"}))`,
  },
  {
    name: 'socket-worker.js',
    module: '/src/core/transport/socket/worker-socket.ts',
    loader: /fetch\(new URL\(WORKER, import\.meta\.url\)\)/,
    says: 'fetch(new URL(WORKER, import.meta.url))',
    beside: (url: string) => `fetch(${url})`,
    // The classic build: the worker's text as if fetched (the loader makes its blob: URL from the text either way).
    inline: (source: string) => `Promise.resolve(new Response(${JSON.stringify(source)}))`,
  },
];

// Each file sits beside the module that loads it.
const sourceOf = (name: string): string => {
  const { module } = FILES.find((file) => file.name === name)!;
  return readFileSync(resolve(import.meta.dirname, `..${module}`, '..', name), 'utf8');
};

/**
 * Ships the audio worklets and the socket worker as files beside the built script, and points each loader at its
 * file with a literal `new URL('./file', import.meta.url)` — written after Vite's own asset step, which in library
 * mode would inline the file as a data: URL (refused by a strict CSP). A literal is also what an app's bundler
 * recognises and copies. The classic build is truly one file: both are inside it, loaded from `blob:` URLs (so a
 * page's CSP must allow `blob:` in `script-src` for the WebSocket path).
 */
export function workletFile({ prefix = '', classic = false }: { prefix?: string; classic?: boolean } = {}): Plugin {
  return {
    name: 'rvc-worklet-file',
    enforce: 'post',
    transform(code, id) {
      const file = FILES.find((f) => id.replace(/\\/g, '/').endsWith(f.module));
      if (!file) return undefined;
      if (!file.loader.test(code)) this.error(`${file.module} no longer loads its file with ${file.says}`);
      if (classic) return code.replace(file.loader, () => file.inline(sourceOf(file.name)));
      return code.replace(file.loader, () =>
        file.beside(`new URL(${JSON.stringify(`./${prefix}${file.name}`)}, import.meta.url)`),
      );
    },
    generateBundle() {
      if (classic) return;
      for (const file of FILES)
        this.emitFile({ type: 'asset', fileName: `${prefix}${file.name}`, source: sourceOf(file.name) });
    },
  };
}

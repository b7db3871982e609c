// `npm start`: builds the one-file bundle and serves the demo with /token, on the local stand-in unless OPENAI_API_KEY is set.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { buildBundles } from './build-bundle.js';
import { fillDemoPage } from './demo-pages.js';
import { createCallHandler } from '../src/server/call-handler.js';
import { createTokenHandler } from '../src/server/token-handler.js';
import { toNodeListener } from '../src/server/node-adapter.js';
import { startStandIn } from '../src/stand-in/server.js';

const ROOT = resolve(import.meta.dirname, '..');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.json': 'application/json' };

buildBundles(ROOT, ['vite.standalone.config.ts', 'vite.classic.config.ts', 'vite.demo.config.ts']);

const apiKey = process.env.OPENAI_API_KEY;
const standIn = apiKey ? undefined : await startStandIn();
const baseUrl = standIn?.baseUrl ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
// What the server fixes for every session; a page may pick one of the allowed models.
const session = { model: 'gpt-realtime-2.1', instructions: 'You are a friendly voice assistant on a demo page. Keep answers short.' };
const allowModels = ['gpt-realtime-2.1', 'gpt-realtime-2.1-mini'];
const token = createTokenHandler({
  apiKey: apiKey ?? 'sk-stand-in-demo-key',
  baseUrl,
  ttlSeconds: 120,
  session,
  allowModels,
});
// The unified interface (`call-endpoint="/call"`): the page posts its offer here and never holds any key.
const call = createCallHandler({ apiKey: apiKey ?? 'sk-stand-in-demo-key', baseUrl, session, allowModels });

/** Serves demo/ and dist/ read-only; `%BASE_URL%` and `%MODE%` in HTML are filled in (a folder serves its index.html). */
async function serveFile(pathname: string): Promise<Response> {
  const path = pathname === '/' ? '/demo/index.html' : pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const file = normalize(join(ROOT, path));
  const allowed = [join(ROOT, 'demo'), join(ROOT, 'dist')].some((dir) => file.startsWith(dir + '/'));
  if (!allowed) return new Response('Not found', { status: 404 });
  try {
    const bytes = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = type.startsWith('text/html')
      ? fillDemoPage(bytes.toString('utf8'), { baseUrl, mode: standIn ? 'stand-in' : 'openai' })
      : new Uint8Array(bytes);
    return new Response(body, { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

const server = createServer(
  toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/token') return token(request);
    if (pathname === '/call') return call(request);
    return request.method === 'GET' || request.method === 'HEAD' ? serveFile(decodeURIComponent(pathname)) : new Response(null, { status: 405 });
  }),
);
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 5173);
server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EADDRINUSE') throw e;
  console.log(`Port ${port} is busy; picking a free one.`);
  server.listen(0, host);
});
server.on('listening', () => {
  const { port: bound } = server.address() as AddressInfo;
  console.log(standIn ? `Realtime stand-in (offline, no key needed): ${standIn.baseUrl}` : `Using the real Realtime API at ${baseUrl} (OPENAI_API_KEY is set).`);
  console.log(`Demo: http://${host}:${bound}/`);
});
server.listen(port, host);

const stop = () => {
  server.close();
  void (standIn?.close() ?? Promise.resolve()).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

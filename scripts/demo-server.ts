// The demo's server: demo/ and dist/ read-only, /token and /call on the stand-in or the real API. With a real key every
// key it mints is billed to the developer, so it answers only its own address: a DNS-rebinding page (a foreign name
// pointing at 127.0.0.1) gets 421, a page of another origin gets 403.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fillDemoPage } from './demo-pages.js';
import { createCallHandler } from '../src/server/call-handler.js';
import { createTokenHandler } from '../src/server/token-handler.js';
import { toNodeListener } from '../src/server/node-adapter.js';

// The demo shop's orders: only this server reads them.
const ORDERS: Record<string, string> = {
  A1001: 'shipped on Monday; it arrives on Thursday',
  A1002: 'being packed today',
};
const lookupOrder = {
  name: 'lookup_order',
  description: 'The status of a customer order of the demo shop, by its number (A1001, A1002).',
  parameters: {
    type: 'object',
    properties: { order: { type: 'string', description: 'The order number', examples: ['A1001'] } },
    required: ['order'],
  },
  handler: ({ order }: { order?: string }) => ({
    order,
    status: ORDERS[String(order).toUpperCase()] ?? 'no such order',
  }),
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

export interface DemoOptions {
  root: string;
  apiKey: string;
  baseUrl: string;
  mode: 'stand-in' | 'openai';
  /** The address it was told to serve on (`HOST`), and the port it listens on. */
  host: string;
  port: number;
}

/** The `Host` values the demo answers: loopback names with its port, and the host it was told to serve. */
function hostsServed(host: string, port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]', host].map((name) => `${name}:${port}`));
}

/** A node:http listener for the demo: foreign hosts 421, malformed URLs 400, then the demo's routes. */
export async function createDemoHandler({
  root,
  apiKey,
  baseUrl,
  mode,
  host,
  port,
}: DemoOptions): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const hosts = hostsServed(host, port);
  const allowOrigins = [...hosts].map((h) => `http://${h}`);
  // What the server fixes for every session; a page may pick one of the allowed models.
  const session = {
    model: 'gpt-realtime-2.1',
    instructions: 'You are a friendly voice assistant on a demo page. Keep answers short.',
  };
  const allowModels = ['gpt-realtime-2.1', 'gpt-realtime-2.1-mini'];
  const token = createTokenHandler({ apiKey, baseUrl, ttlSeconds: 120, session, allowModels, allowOrigins });
  // The unified interface (`call-endpoint="/call"`): the page posts its offer here and never holds any key. Its calls
  // get a server tool answered here, from data the page never sees.
  const call = createCallHandler({
    apiKey,
    baseUrl,
    session,
    allowModels,
    allowOrigins,
    control: { tools: [lookupOrder] },
  });
  const roots = await Promise.all(
    ['demo', 'dist'].map((dir) => realpath(join(root, dir)).catch(() => join(root, dir))),
  );

  /** Serves demo/ and dist/ read-only; `%BASE_URL%` and `%MODE%` in HTML are filled in (a folder serves its index.html). */
  async function serveFile(pathname: string): Promise<Response> {
    const path = pathname === '/' ? '/demo/index.html' : pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const notFound = new Response('Not found', { status: 404 });
    // The real path, links resolved: a link inside the roots pointing outside them serves nothing.
    const file = await realpath(normalize(join(root, path))).catch(() => undefined);
    if (!file || !roots.some((dir) => file.startsWith(dir + sep))) return notFound;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return notFound;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = type.startsWith('text/html')
      ? fillDemoPage(bytes.toString('utf8'), { baseUrl, mode })
      : new Uint8Array(bytes);
    return new Response(body, { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
  }

  const routes = toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/token') return token(request);
    if (pathname === '/call') return call(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    return serveFile(decoded);
  });

  return (req, res) => {
    if (!hosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      return void res.end('This demo answers only its own address.');
    }
    try {
      new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end('Bad request');
    }
    routes(req, res);
  };
}

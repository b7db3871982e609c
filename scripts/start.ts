// `npm start`: builds the one-file bundle and serves the demo with /token and /call, on the local stand-in unless
// OPENAI_API_KEY is set. With a real key it mints keys billed to you: it answers only its own address (see demo-server.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { buildBundles } from './build-bundle.js';
import { createDemoHandler } from './demo-server.js';
import { startStandIn } from '../src/stand-in/server.js';

const ROOT = resolve(import.meta.dirname, '..');
buildBundles(ROOT, ['vite.standalone.config.ts', 'vite.classic.config.ts', 'vite.demo.config.ts']);

const apiKey = process.env.OPENAI_API_KEY;
const standIn = apiKey ? undefined : await startStandIn();
const baseUrl = standIn?.baseUrl ?? process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 5173);

const server = createServer();
server.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EADDRINUSE') throw e;
  console.log(`Port ${port} is busy; picking a free one.`);
  server.listen(0, host);
});
async function serveDemo() {
  const { port: bound } = server.address() as AddressInfo;
  const origin = `http://${host}:${bound}`;
  server.on(
    'request',
    await createDemoHandler({
      root: ROOT,
      apiKey: apiKey ?? 'sk-stand-in-demo-key',
      baseUrl,
      mode: standIn ? 'stand-in' : 'openai',
      host,
      port: bound,
    }),
  );
  console.log(
    standIn
      ? `Realtime stand-in (offline, no key needed): ${standIn.baseUrl}`
      : `Using the real Realtime API at ${baseUrl} (OPENAI_API_KEY is set).`,
  );
  console.log(`Demo: ${origin}/`);
}
server.on('listening', () => void serveDemo());
server.listen(port, host);

const stop = () => {
  server.close();
  void (standIn?.close() ?? Promise.resolve()).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

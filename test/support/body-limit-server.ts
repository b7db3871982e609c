// A host's server on its own process, so a test can watch its memory while hostile bodies arrive.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallHandler, createTokenHandler, toNodeListener } from '../../src/server/index.js';

const guards = {
  allowOrigins: ['http://allowed.test'],
  apiKey: 'sk-test-BODYLIMITS0123456789',
  baseUrl: 'http://127.0.0.1:9/v1',
};
const token = toNodeListener(createTokenHandler(guards));
const call = toNodeListener(createCallHandler(guards));
const server = createServer((req, res) => {
  if (req.url === '/memory') {
    globalThis.gc?.();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  (req.url === '/call' ? call : token)(req, res);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));

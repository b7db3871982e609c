// The limits rows of `npm run bench`: token requests per second and their p99 on Node with no limiter, the memory
// store and the Redis store (Debian's redis-server, started here on a Unix socket); and what one controlled call holds
// in the host process with 1,000 open at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCallControl } from '../src/server/call-control.js';
import { createLimits, type Limits } from '../src/server/limits/limits.js';
import { memoryStore } from '../src/server/limits/memory-store.js';
import { redisStore } from '../src/server/limits/redis-store.js';
import { createTokenHandler } from '../src/server/token-handler.js';
import { toNodeListener } from '../src/server/node-adapter.js';
import { startStandIn } from '../src/stand-in/server.js';
import { kb, ratio } from './bench-figures.js';

const REQUESTS = 3000;
const AT_ONCE = 100;
const CALLS = 1000;
const ROUNDS = 3;

const listen = async (server: Server) => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Requests per second and p99 (ms) of token requests, AT_ONCE in flight, each from a visitor of its own. */
async function load(url: string): Promise<{ perSecond: number; p99: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < REQUESTS) {
        const n = next++;
        const sent = performance.now();
        const answer = await fetch(url, { method: 'POST', headers: { 'x-visitor': `v${n % 500}` } });
        await answer.arrayBuffer();
        times.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: REQUESTS / seconds, p99: times[Math.floor(times.length * 0.99)] };
}

async function tokenThroughput(log: (line: string) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rvc-bench-redis-'));
  const socket = join(dir, 'redis.sock');
  const redis = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--dir', dir, '--save', '']);
  await new Promise<void>((ready, failed) => {
    redis.stdout.on('data', (chunk: Buffer) => /ready to accept/i.test(String(chunk)) && ready());
    redis.once('error', failed);
  });
  const client = new Redis({ path: socket });
  const standIn = await startStandIn();
  const rule = { perVisitor: { conversations: { limit: 1_000_000, windowSeconds: 3600 } } };
  const visitor = (request: Request) => request.headers.get('x-visitor') ?? undefined;
  const kinds: [string, Limits | undefined][] = [
    ['no limiter', undefined],
    ['memory', createLimits({ store: memoryStore(), visitor, ...rule })],
    ['Redis', createLimits({ store: redisStore(client), salt: 'bench', visitor, ...rule })],
  ];
  // Rounds in turn, the best of each kept: the stand-in minting in this process makes any one run noisy.
  const figures = kinds.map(() => ({ perSecond: 0, p99: Infinity }));
  try {
    const servers = await Promise.all(
      kinds.map(async ([, limits]) => {
        const server = createServer(
          toNodeListener(
            createTokenHandler({ allowOrigins: '*', apiKey: 'sk-bench-0000000000', baseUrl: standIn.baseUrl, limits }),
          ),
        );
        return { server, url: await listen(server) };
      }),
    );
    await load(servers[0].url); // warm
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, { url }] of servers.entries()) {
        const measured = await load(url);
        figures[i] = {
          perSecond: Math.max(figures[i].perSecond, measured.perSecond),
          p99: Math.min(figures[i].p99, measured.p99),
        };
      }
    for (const [i, [name]] of kinds.entries())
      log(`token requests, ${name}: ${figures[i].perSecond.toFixed(0)}/s, p99 ${figures[i].p99.toFixed(1)} ms`);
    for (const { server } of servers) server.close();
  } finally {
    client.disconnect();
    redis.kill();
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [none, memory, shared] = figures;
  return [
    `Token requests per second on Node, ${AT_ONCE} at once (no limiter / memory store / Redis store; the stand-in mints; best of ${ROUNDS})`,
    figures.map((f) => f.perSecond.toFixed(0)).join(' / '),
    `p99 ${figures.map((f) => `${f.p99.toFixed(1)} ms`).join(' / ')}`,
    `${ratio(memory.perSecond, none.perSecond)} · ${ratio(shared.perSecond, none.perSecond)}`,
    'a limit costs little beside the mint',
  ];
}

// The service's side of the control connections, in a process of its own so its sockets are not counted as ours: it
// answers as the service does when a control connection opens.
const PEER = `
const { WebSocketServer } = require('ws');
const peer = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => console.log('port ' + peer.address().port));
peer.on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'session.created', event_id: 'event_bench', session: { type: 'realtime' } }));
  socket.on('message', (data) => {
    const event = JSON.parse(String(data));
    if (event.type === 'session.update')
      socket.send(JSON.stringify({ type: 'session.updated', event_id: 'event_bench', session: event.session }));
  });
});`;

/** A collection that leaves only what is held (the bench runs without --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 3; i++) gc();
  };
}

/**
 * What the host process holds per controlled call: CALLS control connections open at once, less the same process
 * with them closed (this machine cannot hold 1,000 real calls; the peer answers as the service does).
 */
async function controlledCalls(log: (line: string) => void): Promise<string[]> {
  const peer = spawn(process.execPath, ['-e', PEER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((found) =>
    peer.stdout.on('data', (chunk: Buffer) => {
      const match = /port (\d+)/.exec(String(chunk));
      if (match) found(match[1]);
    }),
  );
  const control = createCallControl({
    apiKey: 'sk-bench-0000000000',
    baseUrl: `http://127.0.0.1:${port}/v1`,
    maxConnections: CALLS,
    session: { instructions: 'Be brief.' },
  });
  const gc = collector();
  try {
    for (let n = 0; n < CALLS; n += 100)
      await Promise.all(Array.from({ length: 100 }, (_, i) => control.attach(`rtc_bench${n + i}`)));
    const open = control.open;
    gc();
    const held = process.memoryUsage();
    control.close();
    await new Promise((done) => setTimeout(done, 500));
    gc();
    const closed = process.memoryUsage();
    const heap = (held.heapUsed - closed.heapUsed) / CALLS;
    const outside = (held.rss - closed.rss) / CALLS;
    log(`controlled calls: ${open} open; heap ${kb(heap)}, RSS ${kb(outside)} per call`);
    return [
      `Per controlled call, ${CALLS} open at once (the Node host's memory for its control connection)`,
      `${kb(heap)} heap`,
      `${open} sockets open (one per call); RSS ${kb(outside)} per call`,
      '',
      'one socket, a few KB',
    ];
  } finally {
    control.close();
    peer.kill();
  }
}

export async function limitRows(log: (line: string) => void): Promise<string[][]> {
  return [await tokenThroughput(log), await controlledCalls(log)];
}

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createLimits, redisStore } from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';

const VISITORS = 200;
const REQUESTS_EACH = 10;

/** A child process and the first line it prints that matches (Redis ready, a host listening). */
async function started(command: string, args: string[], ready: RegExp, env: Record<string, string> = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const line = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (found) resolve(found);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, line };
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
};

describe('limits shared by three processes through Redis', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rvc-redis-'));
  const socket = join(dir, 'redis.sock');
  let redis: ChildProcess;
  let standIn: StandIn;
  let client: Redis;
  const hosts: { child: ChildProcess; origin: string }[] = [];

  before(async () => {
    // Debian's redis-server (installed by .ci/run): a Unix socket and a data folder of its own, nothing saved.
    ({ child: redis } = await started(
      'redis-server',
      [
        '--port',
        '0',
        '--unixsocket',
        socket,
        '--unixsocketperm',
        '700',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      /ready to accept connections/i,
    ));
    standIn = await startStandIn();
    client = new Redis({ path: socket });
    for (let i = 0; i < 3; i++) {
      const { child, line } = await started(
        process.execPath,
        ['--import', 'tsx', 'test/support/limits-host.ts'],
        /listening (\d+)/,
        { REDIS_SOCKET: socket, BASE_URL: standIn.baseUrl, SALT: 'one secret the processes share' },
      );
      hosts.push({ child, origin: `http://127.0.0.1:${line[1]}` });
    }
  });
  after(async () => {
    client?.disconnect();
    await Promise.all(hosts.map((host) => stop(host.child)));
    if (redis) await stop(redis);
    await standIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every visitor's requests, one at a time each and all visitors at once, spread over the hosts still running. */
  async function run(path: string, from: number, to: number, live: () => typeof hosts) {
    const admitted = new Map<number, number>();
    const waits: number[] = [];
    let n = 0;
    await Promise.all(
      Array.from({ length: VISITORS }, async (_, visitor) => {
        for (let i = from; i < to; i++) {
          const serving = live();
          const host = serving[n++ % serving.length];
          const answer = await fetch(`${host.origin}${path}`, {
            method: 'POST',
            headers: { 'x-visitor': `visitor-${visitor}` },
          });
          const body = await answer.json();
          if (answer.status === 200) admitted.set(visitor, (admitted.get(visitor) ?? 0) + 1);
          else {
            assert.equal(answer.status, 429, JSON.stringify(body));
            waits.push(Number(answer.headers.get('retry-after')));
          }
        }
      }),
    );
    return { admitted, waits };
  }

  it('admits exactly each visitor’s share across the processes, and keeps every count when one of them is killed', async () => {
    const keys = standIn.liveKeys;
    const first = await run('/per-visitor', 0, REQUESTS_EACH / 2, () => hosts);
    // One host dies mid-run (SIGKILL: nothing it held is written anywhere but Redis); the others go on.
    await stop(hosts[2].child, 'SIGKILL');
    const second = await run('/per-visitor', REQUESTS_EACH / 2, REQUESTS_EACH, () => hosts.slice(0, 2));
    for (let visitor = 0; visitor < VISITORS; visitor++) {
      const total = (first.admitted.get(visitor) ?? 0) + (second.admitted.get(visitor) ?? 0);
      assert.equal(total, 4, `visitor ${visitor} was admitted ${total} times`);
      assert.equal(second.admitted.get(visitor) ?? 0, 0, 'no count was lost with the killed process');
    }
    assert.equal(standIn.liveKeys - keys, VISITORS * 4, 'a key was minted for each admission and for nothing else');
    const waits = [...first.waits, ...second.waits];
    assert.equal(waits.length, VISITORS * (REQUESTS_EACH - 4));
    assert.ok(
      waits.every((wait) => wait > 3500 && wait <= 3600),
      'each refusal says how long to wait',
    );
    const stored = await client.keys('*');
    assert.ok(!stored.some((key) => key.includes('visitor-')), `Redis holds no visitor's name: ${stored[0]}`);
  });

  it('admits exactly the site’s total from 2,000 requests of 200 visitors at once', async () => {
    const keys = standIn.liveKeys;
    const { admitted } = await run('/site', 0, REQUESTS_EACH, () => hosts.slice(0, 2));
    const total = [...admitted.values()].reduce((sum, count) => sum + count, 0);
    assert.equal(total, 700);
    assert.equal(standIn.liveKeys - keys, 700);
  });

  it('charges a call’s seconds to a day’s budget in Redis, fractions carried, and refuses the visitor once it is spent', async () => {
    const limits = createLimits({
      store: redisStore(client, { prefix: 'minutes' }),
      salt: 'one secret the processes share',
      visitor: (request) => request.headers.get('x-visitor') ?? undefined,
      perVisitor: { minutesPerDay: 0.05 }, // 3 seconds
    });
    const ask = () => new Request('http://host.test/call', { method: 'POST', headers: { 'x-visitor': 'talker' } });
    const admitted = await limits.admit(ask());
    assert.ok(!(admitted instanceof Response));
    assert.equal(await admitted.charge({ seconds: 1.5 }), true);
    assert.equal(await admitted.charge({ seconds: 1.2 }), true, '2.7 s of 3');
    assert.equal(await admitted.charge({ seconds: 0.4 }), false, '3.1 s: spent');
    const refused = await limits.admit(ask());
    assert.ok(refused instanceof Response);
    assert.equal(refused.status, 429);
    assert.equal((await refused.json()).error.code, 'budget_exhausted');
  });

  it('fails closed when Redis is down: 503 limits_unavailable, and nothing minted', async () => {
    await stop(redis);
    const keys = standIn.liveKeys;
    for (const path of ['/per-visitor', '/site']) {
      const answer = await fetch(`${hosts[0].origin}${path}`, { method: 'POST', headers: { 'x-visitor': 'late' } });
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '5');
      assert.equal((await answer.json()).error.code, 'limits_unavailable');
    }
    assert.equal(standIn.liveKeys, keys, 'no key was minted');
  });
});

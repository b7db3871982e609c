import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { tally } from '../support/hostile-report.js';
import { upload } from '../support/upload.js';
import { MAX_TOKEN_BODY_BYTES } from '../../src/server/token-handler.js';

const MB = 1024 * 1024;
const HUGE = 200 * MB;

describe('request bodies are read last and bounded (a host server on its own process)', () => {
  let server: ChildProcess;
  let port: number;
  const memory = async () => (await (await fetch(`http://127.0.0.1:${port}/memory`)).json()) as NodeJS.MemoryUsage;

  before(async () => {
    server = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/body-limit-server.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    port = await new Promise<number>((resolve) =>
      server.stdout!.on(
        'data',
        (data: Buffer) =>
          /listening (\d+)/.test(String(data)) && resolve(Number(/listening (\d+)/.exec(String(data))![1])),
      ),
    );
  });
  after(() => server.kill());

  for (const path of ['/token', '/call']) {
    for (const [origin, expected] of [
      ['http://evil.test', 403],
      ['http://allowed.test', 413],
    ] as const) {
      for (const chunked of [false, true]) {
        it(`${path}: a 200 MB body (${chunked ? 'chunked' : 'with its length'}) from ${origin === 'http://evil.test' ? 'a disallowed' : 'an allowed'} origin is answered ${expected}, and the server's memory barely moves`, async () => {
          const before = await memory();
          const { status } = await upload(
            `http://127.0.0.1:${port}${path}`,
            { origin, 'content-type': path === '/call' ? 'application/sdp' : 'application/json' },
            HUGE,
            chunked,
          );
          const after = await memory();
          assert.equal(status, expected);
          const growth = (after.rss - before.rss) / MB;
          tally({ bodies: 1, bodyGrowthMb: Math.round(growth * 10) / 10 });
          // A server that held the body would grow by 200 MB; socket buffers read before the answer and malloc arenas
          // that keep freed pages move rss by up to ~25 MB on a loaded two-core runner.
          assert.ok(growth < 50, `rss grew ${growth.toFixed(1)} MB`);
        });
      }
    }
  }

  it('a body just under the limit is still read (the limit counts bytes, not characters)', async () => {
    // A 3-byte character, as many as just fit the key request's limit in bytes ({"model":""} is 12): one more is over.
    const fit = Math.floor((MAX_TOKEN_BODY_BYTES - 12) / 3);
    const under = JSON.stringify({ model: '語'.repeat(fit) });
    const over = JSON.stringify({ model: '語'.repeat(fit + 1) });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${port}/token`, {
        method: 'POST',
        headers: { origin: 'http://allowed.test', 'content-type': 'application/json' },
        body,
      });
    assert.equal((await post(under)).status, 400, 'read, then refused for its model');
    assert.equal((await post(over)).status, 413);
  });
});

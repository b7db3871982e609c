import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDemoHandler } from '../../scripts/demo-server.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';

/** A raw request, so the test sets the Host header and the path exactly as an attacker would. */
function raw(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// `npm start` with a real key mints keys billed to the developer: it must answer only its own address and files.
describe('the demo server (npm start) refuses what is not its own', () => {
  let standIn: StandIn;
  let server: Server;
  let port: number;
  let root: string;

  before(async () => {
    standIn = await startStandIn();
    root = await mkdtemp(join(tmpdir(), 'rvc-demo-'));
    await mkdir(join(root, 'demo'));
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(root, 'secret.txt'), 'not for the web');
    await symlink(join(root, 'secret.txt'), join(root, 'demo', 'leak.txt'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    server.on(
      'request',
      await createDemoHandler({
        root,
        apiKey: 'sk-test-DEMOSERVER0123456789',
        baseUrl: standIn.baseUrl,
        mode: 'stand-in',
        host: '127.0.0.1',
        port,
      }),
    );
  });
  after(async () => {
    server.close();
    await standIn.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers its own address (loopback names with its port), and 421 to any other Host: no key for a DNS-rebinding page', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`])
      assert.equal((await raw(port, '/', { host })).status, 200, host);
    for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1:${port + 1}`]) {
      assert.equal((await raw(port, '/', { host })).status, 421, host);
      assert.equal((await raw(port, '/token', { host, origin: `http://${host}` }, 'POST')).status, 421, host);
    }
  });

  it('mints keys only for its own pages: another origin is refused', async () => {
    const own = await raw(port, '/token', { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }, 'POST');
    assert.equal(own.status, 200);
    const other = await raw(port, '/token', { host: `127.0.0.1:${port}`, origin: 'http://evil.test' }, 'POST');
    assert.equal(other.status, 403);
  });

  it('its unified interface answers the server tool lookup_order from the demo shop’s data, which no page holds', async () => {
    const host = `127.0.0.1:${port}`;
    const via = (offer: string) =>
      fetch(`http://${host}/call`, {
        method: 'POST',
        headers: { origin: `http://${host}`, 'content-type': 'application/sdp' },
        body: offer,
      });
    const caller = await call(standIn, {}, via);
    try {
      caller.send({
        type: 'conversation.item.create',
        item: {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_text', text: 'Where is my order? lookup_order A1001' }],
        },
      });
      caller.send({ type: 'response.create' });
      const reply = await caller.wait(
        (e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'),
      );
      assert.match(JSON.stringify(reply.response.output), /shipped on Monday; it arrives on Thursday/);
    } finally {
      await caller.close();
    }
  });

  it('does not follow a link out of its folders, and answers a malformed URL with 400', async () => {
    const host = `127.0.0.1:${port}`;
    assert.equal((await raw(port, '/demo/leak.txt', { host })).status, 404);
    assert.equal((await raw(port, '/demo/%E0%A4%A', { host })).status, 400);
    assert.equal((await raw(port, '/../secret.txt', { host })).status, 404);
  });
});

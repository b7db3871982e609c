import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { toNodeListener } from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { voiceChat } from '../../examples/hono/app.js';
import { startRuntime, type HostEnv, type Runtime } from '../support/runtime-host.js';
import { announce, upload } from '../support/upload.js';
import { call } from '../support/werift-caller.js';

const SERVER_KEY = 'sk-test-RUNTIMES0123456789';
const PAGE = 'https://shop.example';

/** The README's examples, each bundled and run by the runtime it is for, in front of the stand-in. */
const hosts: { name: string; runtime: Runtime | 'node'; entry: string; serverTools?: boolean }[] = [
  { name: 'a Cloudflare Worker (workerd)', runtime: 'workerd', entry: 'examples/cloudflare-worker/src/worker.ts' },
  { name: 'Hono as a Worker (workerd)', runtime: 'workerd', entry: 'examples/hono/app.ts' },
  { name: 'Deno.serve (Deno)', runtime: 'deno', entry: 'examples/deno/server.ts', serverTools: true },
  { name: 'Bun.serve (Bun)', runtime: 'bun', entry: 'examples/bun/server.ts', serverTools: true },
  { name: 'Next.js route handlers (next build, next start)', runtime: 'next', entry: 'examples/nextjs' },
  { name: 'Hono on Node (toNodeListener)', runtime: 'node', entry: 'examples/hono/app.ts' },
];

/** Hono's app served by Node's own http server, the env handed to `app.fetch` as the README shows. */
async function honoOnNode(env: HostEnv) {
  const server: Server = createServer(toNodeListener((request) => voiceChat.fetch(request, env))).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((done) => server.once('listening', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // In this process: its memory is the test's too, and Node's own bounds are proven by the hostile-input suite.
  return {
    origin,
    peakMemory: () => NaN,
    output: () => '',
    stop: () => {
      server.close();
      return Promise.resolve();
    },
  };
}

for (const host of hosts) {
  describe(`the token and call endpoints on ${host.name}`, () => {
    let standIn: StandIn;
    let served: { origin: string; peakMemory: () => number; output: () => string; stop: () => Promise<void> };
    const post = (path: string, init: RequestInit & { origin?: string } = {}) =>
      fetch(`${served.origin}/api/realtime/${path}`, {
        method: 'POST',
        ...init,
        headers: { origin: init.origin ?? PAGE, ...(init.headers as Record<string, string>) },
      });

    before(async () => {
      standIn = await startStandIn();
      const env = { OPENAI_API_KEY: SERVER_KEY, OPENAI_BASE_URL: standIn.baseUrl, ALLOW_ORIGINS: PAGE };
      served = host.runtime === 'node' ? await honoOnNode(env) : await startRuntime(host.runtime, host.entry, env);
    });
    after(async () => {
      await served.stop();
      await standIn.close();
    });

    it('mints an ephemeral key from the service for an allowed page, with the server’s session; the server key never shows', async () => {
      const answer = await post('token', { headers: { 'content-type': 'application/json' }, body: '{}' });
      const text = await answer.text();
      assert.equal(answer.status, 200, `${text}\n${served.output()}`);
      const body = JSON.parse(text);
      assert.match(body.value, /^ek_/);
      assert.equal(body.session.instructions, 'You are a helpful guide to this site.');
      assert.equal(standIn.liveKeys, 1, 'the key was minted by the stand-in');
      assert.ok(!text.includes(SERVER_KEY));
    });

    it('refuses another site’s page (403) and a model it does not offer (400), in the API’s error envelope', async () => {
      const foreign = await post('token', { origin: 'https://elsewhere.example', body: '{}' });
      assert.equal(foreign.status, 403);
      assert.equal((await foreign.json()).error.code, 'origin_not_allowed');
      const model = await post('token', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-other' }),
      });
      assert.equal(model.status, 400);
      assert.equal((await model.json()).error.code, 'model_not_allowed');
    });

    it('reads no more of a body than it allows: 1 MB announced is refused with 413, 200 MB streamed is refused at once and never held', async () => {
      // Refused on the announced length alone: not a byte of the body is sent before the answer.
      const announced = await announce(
        `${served.origin}/api/realtime/call`,
        { origin: PAGE, 'content-type': 'application/sdp' },
        2 ** 20,
      );
      assert.equal(announced.status, 413);
      assert.equal(JSON.parse(announced.body).error.code, 'offer_too_large');
      const before = served.peakMemory();
      // Node's own client stops writing once an answer comes (fetch may go on pulling the body it was given).
      const streamed = await upload(
        `${served.origin}/api/realtime/call`,
        { origin: PAGE, 'content-type': 'application/sdp' },
        200 * 2 ** 20,
        true,
      );
      // The runtime answers 413, or hangs up under the upload once the handler refused it: either way the visitor is done.
      assert.ok([413, 'EPIPE', 'ECONNRESET'].includes(streamed.status), `answered ${streamed.status}`);
      // Bun may read the rest of a refused body, throwing it away, before its answer goes out: there the runtime's
      // flat memory is what shows nothing was kept.
      if (host.runtime !== 'bun')
        assert.ok(streamed.sent < 200 * 2 ** 20, `it answered ${streamed.status} only after the whole 200 MB`);
      const grew = (served.peakMemory() - before) / 2 ** 20;
      assert.ok(
        !(grew > 16),
        `its memory grew ${grew.toFixed(1)} MB (answered ${streamed.status} after ${(streamed.sent / 2 ** 20).toFixed(0)} MB)`,
      );
      assert.equal((await post('token', { body: '' })).status, 200, 'it still serves');
    });

    it('relays a real WebRTC offer to the service and answers with its SDP: the call talks', async () => {
      const caller = await call(standIn, {}, (offer) =>
        post('call', { headers: { 'content-type': 'application/sdp' }, body: offer }),
      );
      try {
        assert.match(caller.callId, /^rtc_/);
        caller.send({ type: 'response.create' });
        assert.equal((await caller.wait((e) => e.type === 'response.done')).response.status, 'completed');
      } finally {
        await caller.close();
      }
    });

    if (host.serverTools) {
      it('answers its server tool from the server over the call’s control connection: the caller sends nothing for it', async () => {
        const caller = await call(standIn, {}, (offer) =>
          post('call', { headers: { 'content-type': 'application/sdp' }, body: offer }),
        );
        try {
          assert.ok(
            caller.events[0].session.tools.some((t: { name: string }) => t.name === 'lookup_order'),
            'the call’s session declares the server tool',
          );
          caller.send({
            type: 'conversation.item.create',
            item: {
              type: 'message',
              role: 'user',
              content: [{ type: 'input_text', text: 'Please lookup_order A1001.' }],
            },
          });
          caller.send({ type: 'response.create' });
          const reply = await caller.wait(
            (e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'),
          );
          assert.match(JSON.stringify(reply.response.output), /The tool lookup_order returned: \{\\"status\\":/);
        } finally {
          await caller.close();
        }
      });
    }
  });
}

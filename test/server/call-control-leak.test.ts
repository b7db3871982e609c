import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createCallHandler, toNodeListener } from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { danglingOffer } from '../support/werift-caller.js';

const CALLS = 1000;
const BUDGET_MS = 40_000;

/** What this process holds open, by kind: timers and TCP sockets (werift's UDP sockets in the stand-in are its own). */
const held = () => {
  const kinds = process.getActiveResourcesInfo();
  return { timers: kinds.filter((k) => k === 'Timeout').length, tcp: kinds.filter((k) => k.startsWith('TCP')).length };
};

describe('server-side control holds nothing after its calls end', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(() => standIn.close());

  it(`up to ${CALLS} calls (as many as fit in ${BUDGET_MS / 1000} s), each controlled and hung up: no connection, timer or socket left`, async () => {
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: 'sk-test-LEAK0123456789',
      baseUrl: standIn.baseUrl,
      session: { instructions: 'Fixed by the host.' },
      control: {
        enforce: true,
        maxConnections: 16,
        maxCallMs: 60_000,
        tools: [{ name: 'lookup_order', handler: () => 'ok' }],
      },
    });
    const server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/call`;
    const offer = await danglingOffer();
    const control = handler.control!;
    let most = 0;
    let calls = 0;
    const one = async () => {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: offer });
      assert.equal(answer.status, 201);
      const callId = answer.headers.get('location')!.split('/').pop()!;
      await answer.text();
      for (let waited = 0; control.open === 0 && waited < 2000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      most = Math.max(most, control.open);
      await control.hangup(callId);
    };
    // Four calls at a time, as a busy site would start them; the first four fill the HTTP clients' keep-alive pools.
    await Promise.all(Array.from({ length: 4 }, one));
    const before = held();
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (calls < CALLS && Date.now() - started < BUDGET_MS) {
          calls++;
          await one();
        }
      }),
    );
    for (let waited = 0; control.open > 0 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    server.close();
    await new Promise((r) => setTimeout(r, 200));
    const afterwards = held();
    console.log(
      `# ${calls} controlled calls in ${((Date.now() - started) / 1000).toFixed(1)} s; at most ${most} control connections open at once`,
    );
    assert.ok(calls >= 100, `only ${calls} calls`);
    assert.equal(control.open, 0, 'control connections left open');
    assert.ok(most <= 16, `${most} open at once, over the limit`);
    assert.ok(afterwards.timers <= before.timers + 2, `timers: ${before.timers} before, ${afterwards.timers} after`);
    assert.ok(afterwards.tcp <= before.tcp + 2, `TCP sockets: ${before.tcp} before, ${afterwards.tcp} after`);
  });
});

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createCallHandler,
  createLimits,
  createTokenHandler,
  redisStore,
  toNodeListener,
  type FetchHandler,
} from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';
import { eventually } from '../support/eventually.js';

const SERVER_KEY = 'sk-test-LIMITS0123456789';

/** A handler on Node's own http server (so the limits see the socket's address, as a host's would). */
async function serve(handler: FetchHandler) {
  const server: Server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, close: () => server.close() };
}

describe('limits in one process (createLimits, the memory store)', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(() => standIn.close());

  it('lets each visitor start as many conversations as the window allows, then refuses them with 429 and Retry-After', async () => {
    const limits = createLimits({
      visitor: (request) => request.headers.get('x-account') ?? undefined,
      perVisitor: { conversations: { limit: 2, windowSeconds: 3600 } },
    });
    const handler = createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl, limits });
    const served = await serve(handler);
    const ask = (account: string) => fetch(served.url, { method: 'POST', headers: { 'x-account': account } });
    const keys = standIn.liveKeys;
    try {
      assert.equal((await ask('ann')).status, 200);
      assert.equal((await ask('ann')).status, 200);
      const refused = await ask('ann');
      assert.equal(refused.status, 429);
      const wait = Number(refused.headers.get('retry-after'));
      assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}: the rest of the window`);
      const body = await refused.json();
      assert.equal(body.error.code, 'visitor_limit');
      assert.match(body.error.message, /try again later/);
      assert.equal((await ask('bob')).status, 200, 'another visitor has a share of their own');
      assert.equal(standIn.liveKeys, keys + 3, 'no key was minted for the refused request');
    } finally {
      served.close();
    }
  });

  it('tells visitors apart by their address when the host names none, and counts nothing the service refused', async () => {
    const limits = createLimits({ perVisitor: { conversations: { limit: 1, windowSeconds: 60 } } });
    // The same limits in front of a service that cannot be reached: what it never minted is not counted.
    const unreachable = await serve(
      createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: 'http://127.0.0.1:9/v1', limits }),
    );
    const working = await serve(
      createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl, limits }),
    );
    try {
      assert.equal((await fetch(unreachable.url, { method: 'POST' })).status, 502);
      assert.equal((await fetch(working.url, { method: 'POST' })).status, 200, 'the failed mint gave its count back');
      const again = await fetch(working.url, { method: 'POST' });
      assert.equal(again.status, 429, 'every request from this address is one visitor');
      assert.equal((await again.json()).error.code, 'visitor_limit');
    } finally {
      unreachable.close();
      working.close();
    }
  });

  it('holds the site to its calls open at once; a call that ends gives its place back', async () => {
    const limits = createLimits({ site: { concurrentCalls: 1 } });
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      control: {},
      limits,
    });
    const served = await serve(handler);
    const via = (offer: string) =>
      fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: offer });
    const first = await call(standIn, {}, via);
    try {
      const calls = standIn.calls.size;
      const refused = await via('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '15');
      assert.equal((await refused.json()).error.code, 'site_busy');
      assert.equal(standIn.calls.size, calls, 'no call was made at the service');
      await handler.control!.hangup(first.callId);
      await eventually(() => handler.control!.open === 0, 'the first call ended');
      const second = await call(standIn, {}, via);
      second.send({ type: 'response.create' });
      assert.equal((await second.wait((e) => e.type === 'response.done')).response.status, 'completed');
      await second.close();
    } finally {
      await first.close();
      handler.control!.close();
      served.close();
    }
  });

  /** A call endpoint with control and these limits; `via(account)` posts an offer as that visitor. */
  async function controlled(limits: ReturnType<typeof createLimits>) {
    const failures: string[] = [];
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      control: { onError: (error) => failures.push(error.message) },
      limits,
    });
    const served = await serve(handler);
    const via = (account: string) => (offer: string) =>
      fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp', 'x-account': account },
        body: offer,
      });
    const close = () => {
      handler.control!.close();
      served.close();
    };
    return { via, failures, close };
  }

  it('hangs a call up when the visitor’s minutes for the day are spent, and refuses their next one until tomorrow', async () => {
    const limits = createLimits({
      visitor: (request) => request.headers.get('x-account') ?? undefined,
      perVisitor: { minutesPerDay: 0.05 }, // 3 seconds
      chargeEverySeconds: 1,
    });
    const served = await controlled(limits);
    const ann = await call(standIn, {}, served.via('ann'));
    try {
      await eventually(() => standIn.calls.get(ann.callId) === undefined, 'the call was hung up');
      assert.match(served.failures.join('\n'), /budget_exhausted/);
      const again = await served.via('ann')('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
      assert.equal(again.status, 429);
      assert.equal((await again.json()).error.code, 'budget_exhausted');
      const wait = Number(again.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait}`);
      const bob = await call(standIn, {}, served.via('bob'));
      assert.ok(standIn.calls.get(bob.callId), 'another visitor still has their minutes');
      await bob.close();
    } finally {
      await ann.close();
      served.close();
    }
  });

  it('ends a conversation after the reply whose tokens spent the site’s budget for the day', async () => {
    const served = await controlled(createLimits({ site: { tokensPerDay: 1 } }));
    const caller = await call(standIn, {}, served.via('ann'));
    try {
      caller.send({ type: 'response.create' });
      const done = await caller.wait((e) => e.type === 'response.done');
      assert.equal(done.response.status, 'completed', 'the reply that crossed the budget is heard whole');
      assert.ok(done.response.usage.total_tokens > 1);
      await eventually(() => standIn.calls.get(caller.callId) === undefined, 'the call was hung up after it');
      const next = await served.via('bob')('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
      assert.equal(next.status, 429);
      assert.equal((await next.json()).error.code, 'budget_exhausted');
    } finally {
      await caller.close();
      served.close();
    }
  });

  it('ends a conversation once the site’s money for the day is spent, priced from the host’s table', async () => {
    // A reply's few hundred tokens at 100 per million cost more than the day's hundredth of a cent.
    const served = await controlled(
      createLimits({ site: { moneyPerDay: 0.0001 }, prices: { perMillionTokens: 100, perMinute: 0.06 } }),
    );
    const caller = await call(standIn, {}, served.via('ann'));
    try {
      caller.send({ type: 'response.create' });
      assert.equal((await caller.wait((e) => e.type === 'response.done')).response.status, 'completed');
      await eventually(() => standIn.calls.get(caller.callId) === undefined, 'the call was hung up after the reply');
      const next = await served.via('bob')('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
      assert.equal((await next.json()).error.code, 'budget_exhausted');
    } finally {
      await caller.close();
      served.close();
    }
  });

  it('refuses to be set up where it could not hold', () => {
    assert.throws(() => createLimits({ store: redisStore({}) }), /shared store needs a salt/);
    assert.throws(
      () =>
        createTokenHandler({
          allowOrigins: '*',
          apiKey: SERVER_KEY,
          limits: createLimits({ perVisitor: { concurrentCalls: 1 } }),
        }),
      /calls open at once/,
    );
    assert.throws(
      () =>
        createCallHandler({
          allowOrigins: '*',
          apiKey: SERVER_KEY,
          limits: createLimits({ site: { concurrentCalls: 2 } }),
        }),
      /only with control/,
    );
    assert.throws(() => createLimits({ site: { concurrentCalls: -1 } }), /whole number/);
    assert.throws(() => createLimits({ site: { moneyPerDay: 5 } }), /needs prices/);
  });
});

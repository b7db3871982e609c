import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCallHandler } from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';

const SERVER_KEY = 'sk-test-CALLHANDLER0123456789';
const sdpRequest = (body: string, init: RequestInit & { url?: string } = {}) =>
  new Request(init.url ?? 'http://host.test/call', {
    method: 'POST',
    body,
    ...init,
    headers: { 'content-type': 'application/sdp', ...(init.headers as object) },
  });

describe('createCallHandler (unified interface) against the stand-in', () => {
  let standIn: StandIn;
  before(async () => (standIn = await startStandIn()));
  after(() => standIn.close());

  it('relays a real offer as multipart sdp + session: the call opens with the server-fixed session and no key reaches the page', async () => {
    const seen: string[] = [];
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      session: { instructions: 'Fixed by the host.', audio: { output: { voice: 'cedar' } } },
      onCall: (id) => seen.push(id),
    });
    let answered: Response | undefined;
    const caller = await call(standIn, {}, async (offer) => (answered = await handler(sdpRequest(offer))));
    try {
      assert.equal(answered!.status, 201);
      assert.equal(answered!.headers.get('content-type'), 'application/sdp');
      assert.ok(!JSON.stringify([...answered!.headers]).includes(SERVER_KEY));
      const created = await caller.wait((e) => e.type === 'session.created');
      assert.equal(created.session.instructions, 'Fixed by the host.');
      assert.equal(created.session.audio.output.voice, 'cedar');
      assert.deepEqual(seen, [caller.callId]);
      caller.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] },
      });
      caller.send({ type: 'response.create' });
      const done = await caller.wait((e) => e.type === 'response.done');
      assert.equal(done.response.status, 'completed');
    } finally {
      await caller.close();
    }
  });

  it('refuses what is not an offer before spending the key: wrong type 415, not SDP 400, too large 413', async () => {
    let upstreamCalls = 0;
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      fetch: (...args) => {
        upstreamCalls++;
        return fetch(...args);
      },
    });
    assert.equal(
      (await handler(sdpRequest('v=0\r\n', { headers: { 'content-type': 'application/json' } }))).status,
      415,
    );
    assert.equal((await handler(sdpRequest('{"sdp":"x"}'))).status, 400);
    assert.equal((await handler(sdpRequest(`v=0\r\n${'a=x\r\n'.repeat(20_000)}`))).status, 413);
    assert.equal((await handler(new Request('http://host.test/call'))).status, 405);
    assert.equal(upstreamCalls, 0);
  });

  it('keeps the status of a refusal without a JSON body, and passes a 429’s Retry-After and limits on', async () => {
    const offer = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
    const empty = await createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl.replace(/\/v1$/, '/fault/empty-400/v1'),
    })(sdpRequest(offer));
    assert.equal(empty.status, 400);
    const busy = await createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl.replace(/\/v1$/, '/fault/busy-429/v1'),
    })(sdpRequest(offer));
    assert.deepEqual(
      [busy.status, busy.headers.get('retry-after'), busy.headers.get('x-ratelimit-limit-requests')],
      [429, '7', '100'],
    );
  });

  it('passes the service’s refusal through in the API’s envelope, never the key or SDP as an answer', async () => {
    const handler = createCallHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: `${standIn.baseUrl.replace(/\/v1$/, '')}/fault/calls-400/v1`,
    });
    const response = await handler(sdpRequest('v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\n'));
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, 'invalid_offer');
    assert.ok(!JSON.stringify(body).includes(SERVER_KEY));
    const unparsable = await createCallHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl })(
      sdpRequest('v=0\r\nbroken'),
    );
    assert.equal(unparsable.status, 400, 'the stand-in parses the offer and refuses it');
    assert.equal((await unparsable.json()).error.code, 'invalid_offer');
    const notStandard = await createCallHandler({
      allowOrigins: '*',
      apiKey: 'ek_browser_key',
      baseUrl: standIn.baseUrl,
    })(sdpRequest('v=0\r\n'));
    assert.equal(notStandard.status, 401, 'multipart needs a standard key');
  });

  it('applies the host’s checks (origin, sign-in, rate limit) and the model allow-list', async () => {
    const base = { apiKey: SERVER_KEY, baseUrl: standIn.baseUrl, allowOrigins: '*' as const };
    const fromElsewhere = sdpRequest('v=0\r\n', { headers: { origin: 'https://evil.test' } });
    assert.equal(
      (await createCallHandler({ ...base, allowOrigins: ['https://shop.test'] })(fromElsewhere)).status,
      403,
    );
    assert.equal((await createCallHandler({ ...base, authorize: () => false })(sdpRequest('v=0\r\n'))).status, 401);
    const limited = await createCallHandler({ ...base, rateLimit: () => 30 })(sdpRequest('v=0\r\n'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    const model = await createCallHandler(base)(
      sdpRequest('v=0\r\n', { url: 'http://host.test/call?model=gpt-expensive' }),
    );
    assert.equal((await model.json()).error.code, 'model_not_allowed');
  });

  it('answers 502 without internals when the service cannot be reached', async () => {
    const handler = createCallHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: 'http://127.0.0.1:9/v1' });
    const response = await handler(sdpRequest('v=0\r\n'));
    assert.equal(response.status, 502);
    assert.equal((await response.json()).error.code, 'upstream_unreachable');
  });
});

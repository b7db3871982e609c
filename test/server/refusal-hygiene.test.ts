import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_RETRY_AFTER_S, passOn, refusal } from '../../src/server/guards.js';

const KEY = 'sk-proj-Q7pL2xN9vR4mT8kW3jH6fD1sA5gB0cZ';

describe('what a refusal passes on to the page', () => {
  it('redacts a key in every field of the upstream error, not only its message', async () => {
    const error = { message: 'no', code: `bad_${KEY}`, type: `t ${KEY}`, param: `p ${KEY}` };
    const response = passOn(new Response(null, { status: 400 }), JSON.stringify({ error }));
    const body = await response.text();
    assert.ok(!body.includes(KEY.slice(8)), body);
    assert.match(body, /sk-\[redacted\]/);
  });

  it('caps the wait it asks for: the service’s Retry-After and the host’s own rate limit', async () => {
    const upstream = new Response(null, { status: 429, headers: { 'retry-after': '999999999' } });
    const passed = passOn(upstream, '{"error":{"message":"slow down"}}');
    assert.equal(passed.headers.get('retry-after'), String(MAX_RETRY_AFTER_S));
    const dated = passOn(
      new Response(null, { status: 429, headers: { 'retry-after': 'Fri, 31 Dec 2100 23:59:59 GMT' } }),
      '{}',
    );
    assert.equal(dated.headers.get('retry-after'), String(MAX_RETRY_AFTER_S));
    const request = new Request('http://127.0.0.1/token', { method: 'POST' });
    const limited = await refusal(request, { allowOrigins: '*', rateLimit: () => 1e12 });
    assert.equal(limited?.status, 429);
    assert.equal(limited?.headers.get('retry-after'), String(MAX_RETRY_AFTER_S));
  });
});

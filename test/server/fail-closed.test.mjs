// Plain JavaScript, as many hosts write it: no type checker stops a guard that forgets to `return`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCallHandler, createTokenHandler } from '../../src/server/index.ts';

const upstream = [];
// Upstream is never reached while a guard refuses; this fetch records it if it were.
const fetch = async (...args) => {
  upstream.push(args);
  return new Response(JSON.stringify({ value: 'ek_never', expires_at: 1 }), { status: 200 });
};
const post = (handler) =>
  handler(
    new Request('http://host.test/endpoint', {
      method: 'POST',
      headers: { 'content-type': 'application/sdp' },
      body: 'v=0\r\n',
    }),
  );

describe('guards fail closed (plain JavaScript hosts)', () => {
  for (const [name, create] of [
    ['createTokenHandler', createTokenHandler],
    ['createCallHandler', createCallHandler],
  ]) {
    it(`${name}: authorize lets a request through only by returning true`, async () => {
      for (const [answer, status] of [
        [undefined, 401],
        [null, 401],
        [0, 401],
        ['yes', 401],
        [{ allowed: true }, 401],
        [false, 401],
        [new Response('go away', { status: 418 }), 418],
      ]) {
        const response = await post(create({ apiKey: 'sk-x', allowOrigins: '*', fetch, authorize: () => answer }));
        assert.equal(response.status, status, `authorize returned ${JSON.stringify(answer)}`);
        if (status === 401) assert.equal((await response.json()).error.code, 'unauthorized');
      }
      assert.deepEqual(upstream, []);
    });

    it(`${name}: rateLimit lets a request through only by returning true; anything else waits`, async () => {
      for (const [answer, retry] of [
        [undefined, '60'],
        [null, '60'],
        [false, '60'],
        [Infinity, '60'],
        [NaN, '60'],
        [-5, '60'],
        ['soon', '60'],
        [{ ok: true }, '60'],
        [12.2, '13'],
      ]) {
        const response = await post(create({ apiKey: 'sk-x', allowOrigins: '*', fetch, rateLimit: () => answer }));
        assert.equal(response.status, 429, `rateLimit returned ${String(answer)}`);
        assert.equal(response.headers.get('retry-after'), retry);
      }
      assert.deepEqual(upstream, []);
    });

    it(`${name}: a guard that throws is answered 500 guard_failed, and its message is not shown`, async () => {
      for (const guard of [
        {
          authorize: () => {
            throw new Error('db password is hunter2');
          },
        },
        {
          rateLimit: async () => {
            throw new Error('redis down');
          },
        },
      ]) {
        const response = await post(create({ apiKey: 'sk-x', allowOrigins: '*', fetch, ...guard }));
        assert.equal(response.status, 500);
        const text = await response.text();
        assert.match(text, /guard_failed/);
        assert.doesNotMatch(text, /hunter2|redis/);
      }
      assert.deepEqual(upstream, []);
    });
  }

  it('a host that gives no hook is not affected (and true passes)', async () => {
    assert.equal((await post(createTokenHandler({ allowOrigins: '*', apiKey: 'sk-x', fetch }))).status, 200);
    assert.equal(
      (
        await post(
          createTokenHandler({
            allowOrigins: '*',
            apiKey: 'sk-x',
            fetch,
            authorize: () => true,
            rateLimit: async () => true,
          }),
        )
      ).status,
      200,
    );
    assert.equal(upstream.length, 2, 'both reached upstream');
  });
});

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createCallControl,
  createCallHandler,
  createControlHandler,
  createTokenHandler,
  toNodeListener,
} from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';

const SERVER_KEY = 'sk-test-NEVERSHOWN0123456789';

describe('createTokenHandler against the stand-in', () => {
  let standIn: StandIn;
  const logged: string[] = [];
  const originals = { log: console.log, error: console.error, warn: console.warn };

  before(async () => {
    standIn = await startStandIn();
    for (const name of ['log', 'error', 'warn'] as const)
      console[name] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  });
  after(async () => {
    Object.assign(console, originals);
    await standIn.close();
  });

  const post = (handler: (r: Request) => Promise<Response>, body?: unknown) =>
    handler(
      new Request('http://host.test/token', {
        method: 'POST',
        ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
      }),
    );

  it('mints an ephemeral key with the server-fixed session', async () => {
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      session: { instructions: 'Be kind.' },
      ttlSeconds: 120,
    });
    const response = await post(handler);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.json();
    assert.match(body.value, /^ek_/);
    const ttl = body.expires_at - Math.floor(Date.now() / 1000);
    assert.ok(ttl > 100 && ttl <= 120, `ttl ${ttl}`);
    assert.equal(body.session.instructions, 'Be kind.');
    assert.equal(body.session.type, 'realtime');
    assert.ok(!JSON.stringify(body).includes(SERVER_KEY));
  });

  it('clamps the TTL to the API’s 10–7200 s range', async () => {
    const body = await (
      await post(createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl, ttlSeconds: 1 }))
    ).json();
    assert.ok(body.expires_at - Date.now() / 1000 > 8);
  });

  it('passes upstream refusals through with their status and message, not the key', async () => {
    const response = await post(
      createTokenHandler({ allowOrigins: '*', apiKey: 'wrong-key', baseUrl: standIn.baseUrl }),
    );
    assert.equal(response.status, 401);
    const body = await response.json();
    assert.equal(body.error.code, 'invalid_api_key');
    assert.ok(!JSON.stringify(body).includes('wrong-key'));
  });

  it('keeps the status of an upstream refusal without a JSON body (a 400 stays a 400, never a retried 502)', async () => {
    const faulty = standIn.baseUrl.replace(/\/v1$/, '/fault/empty-400/v1');
    const response = await post(createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: faulty }));
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'upstream_error');
  });

  it('passes a 429 on with Retry-After and the x-ratelimit-* headers', async () => {
    const faulty = standIn.baseUrl.replace(/\/v1$/, '/fault/busy-429/v1');
    const response = await post(createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: faulty }));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '0');
    assert.equal((await response.json()).error.code, 'rate_limit_exceeded');
  });

  it('gives up on a service that does not answer (504 upstream_timeout), and as soon as the visitor goes away', async () => {
    const hanging = standIn.baseUrl.replace(/\/v1$/, '/fault/secrets-hang/v1');
    const timedOut = await post(
      createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: hanging, upstreamTimeoutMs: 300 }),
    );
    assert.equal(timedOut.status, 504);
    assert.equal((await timedOut.json()).error.code, 'upstream_timeout');
    const visitor = new AbortController();
    let upstreamAborted = false;
    const watched: typeof fetch = (url, init) => {
      init?.signal?.addEventListener('abort', () => (upstreamAborted = true));
      return fetch(url, init);
    };
    setTimeout(() => visitor.abort(), 100);
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: hanging,
      upstreamTimeoutMs: 60_000,
      fetch: watched,
    });
    const left = await handler(new Request('http://host.test/token', { method: 'POST', signal: visitor.signal }));
    assert.equal(left.status, 499);
    assert.equal(upstreamAborted, true, 'the call upstream was given up with the visitor');
  });

  it('quotes at most a short, redacted slice of what the visitor sent', async () => {
    const model = `sk-proj-PASTEDBYVISITOR0123456789${'x'.repeat(5000)}`;
    const response = await post(
      createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl }),
      { model },
    );
    const text = await response.text();
    assert.equal(response.status, 400);
    assert.ok(text.length < 400, `${text.length} characters`);
    assert.doesNotMatch(text, /PASTEDBYVISITOR/);
  });

  it('passes a rejected session config through (beta field names)', async () => {
    const response = await post(
      createTokenHandler({
        allowOrigins: '*',
        apiKey: SERVER_KEY,
        baseUrl: standIn.baseUrl,
        session: { voice: 'alloy' },
      }),
    );
    assert.equal(response.status, 400);
    assert.deepEqual((await response.json()).error.param, 'session.voice');
  });

  it('declares the page’s tools from the key request beside the host’s: the host’s win a clash, anything but a plain function is left out', async () => {
    const host = {
      type: 'function',
      name: 'lookup',
      description: 'The host’s own',
      parameters: { type: 'object', properties: {} },
    };
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      session: { tools: [host] },
    });
    const page = [
      { type: 'function', name: 'set_theme', description: 'Theme', parameters: { type: 'object', properties: {} } },
      { type: 'function', name: 'lookup', description: 'The page’s, clashing' },
      { type: 'mcp', server_label: 'evil', server_url: 'https://evil.example/mcp' },
      { type: 'function', name: 'bad name!' },
      { type: 'function', name: 'long', description: 'x'.repeat(2000) },
    ];
    const body = await (await post(handler, { tools: page })).json();
    assert.deepEqual(
      body.session.tools.map((t: { name: string; description: string }) => `${t.name}: ${t.description}`),
      ['lookup: The host’s own', 'set_theme: Theme'],
    );
  });

  it('honours a browser’s model only when allow-listed', async () => {
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      allowModels: ['gpt-realtime-2.1-mini'],
    });
    const ok = await (await post(handler, { model: 'gpt-realtime-2.1-mini' })).json();
    assert.equal(ok.session.model, 'gpt-realtime-2.1-mini');
    const refused = await post(handler, { model: 'gpt-realtime' });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error.code, 'model_not_allowed');
  });

  it('answers 405 to anything but POST, and 502 when upstream is unreachable', async () => {
    const handler = createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal((await handler(new Request('http://host.test/token'))).status, 405);
    const response = await post(handler);
    assert.equal(response.status, 502);
    assert.equal((await response.json()).error.code, 'upstream_unreachable');
  });

  it('serves over node:http through the adapter', async () => {
    const server = createServer(
      toNodeListener(createTokenHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/token`, { method: 'POST' });
      assert.equal(response.status, 200);
      assert.match((await response.json()).value, /^ek_/);
    } finally {
      server.close();
    }
  });

  it("refuses to be created without allowOrigins, naming the option; with allowOrigins: '*' it serves any page", async () => {
    for (const create of [createTokenHandler, createCallHandler]) {
      assert.throws(() => create({ apiKey: SERVER_KEY, baseUrl: standIn.baseUrl }), /needs allowOrigins/);
      assert.throws(() => create({ apiKey: SERVER_KEY, allowOrigins: [] }), /needs allowOrigins/);
    }
    const control = createCallControl({ apiKey: SERVER_KEY });
    assert.throws(() => createControlHandler({ control }), /createControlHandler needs allowOrigins/);
    const any = createTokenHandler({ apiKey: SERVER_KEY, baseUrl: standIn.baseUrl, allowOrigins: '*' });
    const minted = await any(
      new Request('http://host.test/token', { method: 'POST', headers: { origin: 'https://any.test' } }),
    );
    assert.equal(minted.status, 200);
  });

  it('refuses pages from origins not allow-listed, and requests with no Origin, before calling upstream', async () => {
    let upstream = 0;
    const counting: typeof fetch = (input, init) => {
      upstream++;
      return fetch(input, init);
    };
    const handler = createTokenHandler({
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      allowOrigins: ['https://shop.example'],
      fetch: counting,
    });
    const from = (origin?: string) =>
      handler(new Request('http://host.test/token', { method: 'POST', headers: origin ? { origin } : {} }));
    const evil = await from('https://evil.example');
    assert.equal(evil.status, 403);
    assert.equal((await evil.json()).error.code, 'origin_not_allowed');
    assert.equal((await from()).status, 403);
    assert.equal(upstream, 0);
    const ok = await from('https://shop.example');
    assert.equal(ok.status, 200);
    assert.equal(upstream, 1);
  });

  it('asks the host’s sign-in check and rate limit, in that order, and answers 401 / 429 with Retry-After', async () => {
    const asked: string[] = [];
    let signedIn = false;
    let budget = 1;
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      authorize: (request) => {
        asked.push('auth');
        return signedIn && request.headers.get('cookie') === 'session=ok';
      },
      rateLimit: () => {
        asked.push('limit');
        return budget-- > 0 ? true : 30;
      },
    });
    const call = () =>
      handler(new Request('http://host.test/token', { method: 'POST', headers: { cookie: 'session=ok' } }));
    const anonymous = await call();
    assert.equal(anonymous.status, 401);
    assert.deepEqual(asked, ['auth']);
    signedIn = true;
    assert.equal((await call()).status, 200);
    const limited = await call();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    assert.equal((await limited.json()).error.code, 'rate_limited');
    assert.deepEqual(asked, ['auth', 'auth', 'limit', 'auth', 'limit']);
    const custom = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      authorize: () => new Response('go away', { status: 418 }),
    });
    assert.equal((await post(custom)).status, 418);
  });

  it('never leaks internals: an upstream that throws becomes a plain 502 without its message', async () => {
    const handler = createTokenHandler({
      allowOrigins: '*',
      apiKey: SERVER_KEY,
      baseUrl: standIn.baseUrl,
      fetch: () => Promise.reject(new Error(`connect ECONNREFUSED 10.0.0.7:443 with ${SERVER_KEY}`)),
    });
    const response = await post(handler);
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.ok(!text.includes('10.0.0.7') && !text.includes(SERVER_KEY), text);
  });

  it('never logged the server key', () => {
    assert.ok(!logged.join('\n').includes(SERVER_KEY));
  });
});

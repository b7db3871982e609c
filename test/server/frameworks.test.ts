import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { createCallHandler, createTokenHandler, toNodeListener } from '../../src/server/index.js';
import { startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { call } from '../support/werift-caller.js';

const SERVER_KEY = 'sk-test-EXPRESS0123456789';

// The README's Express example, run for real: both handlers as middleware, one app with a JSON body parser in front.
describe('the server helpers mounted in Express', () => {
  let standIn: StandIn;
  let origin: string;
  let close: () => void;

  before(async () => {
    standIn = await startStandIn();
    const app = express();
    // The limits the README shows: a body parser in front reads the body before the handlers can bound it.
    app.use(express.json({ limit: '16kb' }));
    app.use(express.text({ type: 'application/sdp', limit: '64kb' }));
    app.post(
      '/token',
      toNodeListener(
        createTokenHandler({
          allowOrigins: '*',
          apiKey: SERVER_KEY,
          baseUrl: standIn.baseUrl,
          allowModels: ['gpt-realtime-2.1-mini'],
        }),
      ),
    );
    app.post(
      '/call',
      toNodeListener(createCallHandler({ allowOrigins: '*', apiKey: SERVER_KEY, baseUrl: standIn.baseUrl })),
    );
    // A refusal by the parser (413) answered in the API's envelope, without Express's stack trace.
    app.use(
      (
        error: { status?: number; type?: string },
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(error.status ?? 500).json({
          error: {
            type: 'invalid_request_error',
            code: error.type ?? 'bad_request',
            message: 'the request was refused',
            param: null,
          },
        });
      },
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(async () => {
    close();
    await standIn.close();
  });

  it('/token reads the body express.json() already parsed (the model allow-list still applies)', async () => {
    const ok = await fetch(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-realtime-2.1-mini' }),
    });
    assert.equal(ok.status, 200);
    const body = await ok.json();
    assert.match(body.value, /^ek_/);
    assert.equal(body.session.model, 'gpt-realtime-2.1-mini');
    const refused = await fetch(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-other' }),
    });
    assert.equal(refused.status, 400);
  });

  it('a large body is refused by the body parser’s own limit (413), before the handler runs', async () => {
    const token = await fetch(`${origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'x'.repeat(1024 * 1024) }),
    });
    assert.equal(token.status, 413);
    const offer = await fetch(`${origin}/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/sdp' },
      body: `v=0\r\n${'a=x\r\n'.repeat(200_000)}`,
    });
    assert.equal(offer.status, 413);
  });

  it('/call relays a real offer that express.text() already read, and the call talks', async () => {
    const caller = await call(standIn, {}, (offer) =>
      fetch(`${origin}/call`, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: offer }),
    );
    try {
      caller.send({ type: 'response.create' });
      assert.equal((await caller.wait((e) => e.type === 'response.done')).response.status, 'completed');
    } finally {
      await caller.close();
    }
  });
});

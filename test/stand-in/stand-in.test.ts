import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStandIn, synthesizeWav, parseWav, rms, type StandIn } from '../../src/stand-in/index.js';

describe('stand-in REST surface', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());

  const api = (path: string, init: RequestInit = {}) => fetch(`${standIn.baseUrl}${path}`, init);
  const secret = (body: unknown, key = 'sk-test-1234567890') =>
    api('/realtime/client_secrets', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('binds loopback only and serves the /v1 base', () => {
    assert.match(standIn.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('mints keys in the GA shape with the effective session', async () => {
    const response = await secret({
      expires_after: { anchor: 'created_at', seconds: 60 },
      session: { type: 'realtime', instructions: 'hi', audio: { output: { voice: 'cedar' } } },
    });
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.match(body.value, /^ek_/);
    assert.equal(body.session.audio.output.voice, 'cedar');
    assert.equal(body.session.object, 'realtime.session');
    assert.equal(body.client_secret, undefined);
  });

  it('refuses beta-shaped sessions and the shut-down beta routes like the real API', async () => {
    const missingType = await (await secret({ session: { instructions: 'x' } })).json();
    assert.deepEqual([missingType.error.code, missingType.error.param], ['missing_required_parameter', 'session.type']);
    const betaField = await (await secret({ session: { type: 'realtime', turn_detection: null } })).json();
    assert.deepEqual([betaField.error.code, betaField.error.param], ['unknown_parameter', 'session.turn_detection']);
    const beta = await api('/realtime/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-1234567890' },
    });
    assert.equal(beta.status, 400);
    assert.equal((await beta.json()).error.code, 'beta_api_shape_disabled');
  });

  it('accepts only standard keys for client secrets and only its own unexpired keys for calls', async () => {
    assert.equal((await secret({}, 'ek_notAStandardKey')).status, 401);
    const call = await api('/realtime/calls', {
      method: 'POST',
      headers: { authorization: 'Bearer ek_forged000000', 'content-type': 'application/sdp' },
      body: 'v=0\r\n',
    });
    assert.equal(call.status, 401);
    assert.equal((await call.json()).error.code, 'invalid_api_key');
  });

  it('refuses an offer that is not SDP with a JSON error, never an SDP-looking body', async () => {
    const { value } = await (await secret({})).json();
    const response = await api('/realtime/calls', {
      method: 'POST',
      headers: { authorization: `Bearer ${value}`, 'content-type': 'application/sdp' },
      body: 'hello',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal((await response.json()).error.code, 'invalid_offer');
  });

  it('answers CORS preflights for any origin, allowing only the request headers the service allows', async () => {
    const ask = (headers: string) =>
      api('/realtime/calls', {
        method: 'OPTIONS',
        headers: {
          origin: 'http://example.test',
          'access-control-request-method': 'POST',
          'access-control-request-headers': headers,
        },
      });
    const allowed = await ask('authorization, content-type');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://example.test');
    assert.deepEqual(allowed.headers.get('access-control-allow-headers')?.split(', ').sort(), [
      'authorization',
      'content-type',
      'x-openai-agents-sdk',
    ]);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /location/);
    // A header the service does not know (OpenAI's own SDKs were refused for `originator`) fails the preflight.
    for (const header of ['authorization, originator', 'x-custom']) {
      const refused = await ask(header);
      assert.equal(refused.headers.get('access-control-allow-headers'), null, header);
      assert.notEqual(refused.status, 204, header);
    }
  });
});

describe('stand-in speech', () => {
  it('speaks offline: Flite renders audible 16 kHz speech', async () => {
    const pcm = parseWav(await synthesizeWav('This is the local stand-in.'));
    assert.equal(pcm.rate, 16000);
    assert.ok(pcm.samples.length > 16000 * 0.8, `only ${pcm.samples.length} samples`);
    assert.ok(rms(pcm.samples) > 0.02, 'speech is silent');
  });

  it('speaks the longest text it takes (2,000 characters, two minutes of speech) without harm to its process', async () => {
    // Flite's memory grows a lot on a long text; node:wasi then wrote into freed memory and crashed the process.
    const story = Array.from({ length: 50 }, (_, i) => `Sentence ${i} of a very long story, with a twist.`)
      .join(' ')
      .slice(0, 2000);
    const pcm = parseWav(await synthesizeWav(story));
    assert.ok(
      pcm.samples.length > 16000 * 100,
      `${(pcm.samples.length / 16000).toFixed(1)} s of speech for 2,000 characters`,
    );
    assert.ok(rms(pcm.samples) > 0.02, 'speech is silent');
    assert.equal(parseWav(await synthesizeWav('And a short one after it.')).rate, 16000);
  });
});

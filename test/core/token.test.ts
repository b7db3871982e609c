import { expect } from '@open-wc/testing';
import { getEphemeralKey, parseTokenReply, VoiceError } from '../../src/core/index.js';
import { failure } from '../support/failure.js';

const fromEndpoint = (name: string) =>
  getEphemeralKey({ endpoint: `/fixtures/token/${name}` }, new AbortController().signal);

describe('key retrieval', () => {
  it('accepts the GA reply {value, expires_at}', async () => {
    const key = await fromEndpoint('ga');
    expect(key.value).to.equal('ek_fixtureGA0123456789');
    expect(key.expiresAt).to.be.greaterThan(Date.now() / 1000);
  });

  it('accepts the beta-shaped reply {client_secret: {value}}', async () => {
    expect((await fromEndpoint('beta')).value).to.equal('ek_fixtureBeta0123456789');
  });

  it('gets a key from the real token handler', async () => {
    expect((await getEphemeralKey({ endpoint: '/token' }, new AbortController().signal)).value).to.match(/^ek_/);
  });

  it('explains an HTML page, invalid JSON, a missing value and an expired key', async () => {
    const html = await failure(fromEndpoint('html'));
    expect([html.code, html.detail]).to.deep.equal(['token_invalid', 'the endpoint answered with an HTML page']);
    expect((await failure(fromEndpoint('invalid-json'))).detail).to.equal(
      'the endpoint answered with text that is not JSON',
    );
    expect((await failure(fromEndpoint('missing-value'))).code).to.equal('token_invalid');
    expect((await failure(fromEndpoint('expired'))).code).to.equal('token_expired');
  });

  it('passes on the status and the server message of a 4xx/5xx (a 5xx after two more tries)', async () => {
    const e500 = await failure(fromEndpoint('status-500'));
    expect([e500.code, e500.status, e500.detail]).to.deep.equal(['service_unavailable', 500, 'upstream exploded']);
    const e403 = await failure(fromEndpoint('status-403-html'));
    expect([e403.code, e403.status, e403.detail]).to.deep.equal(['token_http_error', 403, 'HTTP 403']);
    const e404 = await failure(fromEndpoint('no-such-fixture'));
    expect([e404.code, e404.status]).to.deep.equal(['token_http_error', 404]);
  });

  it('says when the endpoint cannot be reached, after two more tries', async () => {
    performance.clearResourceTimings();
    const e = await failure(getEphemeralKey({ endpoint: 'http://127.0.0.1:9/token' }, new AbortController().signal));
    expect(e.code).to.equal('token_unreachable');
    expect(performance.getEntriesByType('resource').filter((r) => r.name.includes(':9/token'))).to.have.length(3);
  });

  it('tries no more once the start is abandoned', async () => {
    performance.clearResourceTimings();
    const abort = new AbortController();
    const pending = getEphemeralKey({ endpoint: 'http://127.0.0.1:9/token' }, abort.signal);
    setTimeout(() => abort.abort(), 100);
    const e = await pending.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((e as Error).name).to.equal('AbortError');
    // Past the moment the second try was due (500 ms backoff): it never went out.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(performance.getEntriesByType('resource').filter((r) => r.name.includes(':9/token'))).to.have.length(1);
  });

  it('takes a key from a host function in any accepted shape', async () => {
    const signal = new AbortController().signal;
    expect((await getEphemeralKey({ getToken: () => 'ek_plainString0123' }, signal)).value).to.equal(
      'ek_plainString0123',
    );
    expect(
      (
        await getEphemeralKey(
          { getToken: () => Promise.resolve({ client_secret: { value: 'ek_nested0123' } }) },
          signal,
        )
      ).value,
    ).to.equal('ek_nested0123');
    const thrown = await failure(
      getEphemeralKey({ getToken: () => Promise.reject(new Error('no session cookie')) }, signal),
    );
    expect([thrown.code, thrown.detail]).to.deep.equal(['token_unreachable', 'no session cookie']);
    expect(() => parseTokenReply({ value: '' })).to.throw(VoiceError);
  });
});

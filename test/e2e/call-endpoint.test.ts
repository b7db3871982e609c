import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcServerEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { requestsTo, standInBaseUrl } from '../support/stand-in.js';

describe('the unified interface and other services', () => {
  afterEach(async () => {
    await nothingLeftRunning();
  });

  it('call-endpoint: the page posts its offer to the host, never fetches a key, and gets the host’s session', async () => {
    resources.reset();
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat call-endpoint="/call" model="gpt-realtime-2.1-mini" lang="en" muted></realtime-voice-chat>`);
    const chat = new ChatHarness(el);
    const created = until(el, 'rvc-server-event', (e: RvcServerEvent) => e.detail.event.type === 'session.created');
    const ready = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    const before = { token: requestsTo('/token'), calls: requestsTo('/call'), secrets: requestsTo('client_secrets') };
    chat.clickStart();
    await chat.reach('live');
    const session = (await created).detail.event.session as { instructions: string; model: string };
    expect(session.instructions).to.equal('Set by the host’s call handler.');
    expect(session.model).to.equal('gpt-realtime-2.1-mini');
    const { stages } = (await ready).detail;
    expect(stages.token, 'no key round trip').to.equal(undefined);
    expect(stages.answer).to.be.a('number');
    expect(requestsTo('/call') - before.calls).to.equal(1);
    expect(requestsTo('/token') - before.token).to.equal(0);
    expect(requestsTo('client_secrets') - before.secrets).to.equal(0);
    expect(el.callId).to.match(/^rtc_/);

    const done = until(el, 'rvc-transcript', (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed');
    await chat.type('Through the host');
    expect((await done).detail.item.text).to.contain('Through the host');
    chat.clickStop();
    await chat.reach('ended');
  });

  it('call-endpoint refusing the start (a model the host does not offer) fails with call_rejected, its words shown, nothing running', async () => {
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat call-endpoint="/call?model=gpt-unknown" lang="en"></realtime-voice-chat>`);
    const chat = new ChatHarness(el);
    const failed = until(el, 'rvc-error', () => true);
    chat.clickStart();
    await chat.reach('failed');
    const { detail } = await failed;
    expect(detail.code).to.equal('call_rejected');
    expect(detail.status).to.equal(400);
    expect(chat.error).to.contain('this endpoint does not offer the model');
  });

  it('base-url: any service speaking the protocol on another origin (the stand-in) takes the call', async () => {
    const baseUrl = await standInBaseUrl();
    expect(new URL(baseUrl).origin).not.to.equal(location.origin);
    const el = await fixture<RealtimeVoiceChat>(html`<realtime-voice-chat token-endpoint="/token" base-url=${baseUrl} lang="en" muted></realtime-voice-chat>`);
    const chat = new ChatHarness(el);
    const before = requestsTo(`${baseUrl}/realtime/calls`);
    chat.clickStart();
    await chat.reach('live');
    expect(requestsTo(`${baseUrl}/realtime/calls`) - before).to.equal(1);
    expect(requestsTo('api.openai.com')).to.equal(0);
    chat.clickStop();
    await chat.reach('ended');
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type {
  RealtimeVoiceChat,
  RvcCallEvent,
  RvcErrorEvent,
  RvcClientEvent,
  RvcMetricsEvent,
  RvcServerEvent,
  RvcToolCallEvent,
  RvcTranscriptEvent,
} from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { requestsTo, standInBaseUrl } from '../support/stand-in.js';

describe('the unified interface and other services', () => {
  afterEach(async () => {
    await nothingLeftRunning();
  });

  it('call-endpoint: the page posts its offer to the host, never fetches a key, and gets the host’s session', async () => {
    resources.reset();
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat call-endpoint="/call" model="gpt-realtime-2.1-mini" lang="en" muted></realtime-voice-chat>`,
    );
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

    const done = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await chat.type('Through the host');
    expect((await done).detail.item.text).to.contain('Through the host');
    chat.clickStop();
    await chat.reach('ended');
  });

  it('call-endpoint with server-side control: the host answers its server tool (the page runs nothing for it), the page’s own tool still works, the host’s instructions stay', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat call-endpoint="/call/controlled" instructions="Forget the shop." lang="en" muted></realtime-voice-chat>`,
    );
    const pageRan: unknown[] = [];
    el.tools = [
      {
        name: 'set_page_color',
        parameters: { type: 'object', properties: { color: { type: 'string' } } },
        handler: (args) => {
          pageRan.push(args);
          return 'done';
        },
      },
    ];
    const announced: string[] = [];
    const sent: { type: string; item?: { type: string } }[] = [];
    el.addEventListener('rvc-tool-call', (e: RvcToolCallEvent) => announced.push(e.detail.name));
    el.addEventListener('rvc-client-event', (e: RvcClientEvent) => sent.push(e.detail.event as never));
    const enforced = until(
      el,
      'rvc-server-event',
      (e: RvcServerEvent) =>
        e.detail.event.type === 'session.updated' &&
        (e.detail.event.session as { instructions: string }).instructions === 'Set by the host’s call handler.',
    );
    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const session = (await enforced).detail.event.session as { tools: { name: string }[] };
    expect(session.tools.map((t) => t.name)).to.include.members(['lookup_order', 'set_page_color']);

    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('lookup_order'),
    );
    el.sendText('Please lookup_order A1001');
    expect((await reply).detail.item.text).to.contain('The tool lookup_order returned: {"status":"shipped on Monday"}');
    expect(announced, 'no rvc-tool-call for a server tool').to.deep.equal([]);
    expect(
      sent.filter((e) => e.item?.type === 'function_call_output'),
      'the page sent no output',
    ).to.deep.equal([]);

    const painted = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('set_page_color'),
    );
    el.sendText('Please use set_page_color');
    await painted;
    expect(announced).to.deep.equal(['set_page_color']);
    expect(pageRan).to.have.length(1);
    chat.clickStop();
    await chat.reach('ended');
  });

  it('the token path with server-side control: rvc-call names the call, the page reports it, and the host answers its server tool', async () => {
    const baseUrl = await standInBaseUrl();
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token/controlled" base-url=${baseUrl} lang="en" muted></realtime-voice-chat>`,
    );
    const announced: string[] = [];
    el.addEventListener('rvc-tool-call', (e: RvcToolCallEvent) => announced.push(e.detail.name));
    const announce = (body: object) =>
      fetch('/control/attach', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const attached = new Promise<{ callId: string; status: number; ticket?: string }>((resolve) =>
      el.addEventListener('rvc-call', (e: RvcCallEvent) => {
        void announce({ callId: e.detail.callId, ticket: e.detail.ticket }).then((answer) =>
          resolve({ callId: e.detail.callId, status: answer.status, ticket: e.detail.ticket }),
        );
      }),
    );
    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const { callId, status, ticket } = await attached;
    expect(callId).to.equal(el.callId);
    expect(status).to.equal(202);
    // The ticket came with the key and attaches this one call, once: a replay is refused.
    expect(ticket).to.be.a('string');
    const replayed = await announce({ callId, ticket });
    expect(replayed.status).to.equal(403);
    expect((await replayed.json()).error.code).to.equal('ticket_used');
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('lookup_order'),
    );
    el.sendText('Please lookup_order A1001');
    expect((await reply).detail.item.text).to.contain('The tool lookup_order returned: {"status":"shipped on Monday"}');
    expect(announced).to.deep.equal([]);
    const bad = await announce({ callId: '../../hangup' });
    expect(bad.status).to.equal(400);
    chat.clickStop();
    await chat.reach('ended');
  });

  it('call-endpoint whose control has no free slot: the start fails closed with control_unavailable, shown in words', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat call-endpoint="/call/controlled-full" lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const failed = until(el, 'rvc-error', () => true);
    chat.clickStart();
    const { detail } = await failed;
    expect(detail.code).to.equal('control_unavailable');
    await chat.reach('failed');
    expect(chat.error).to.contain('busy');
  });

  it('call-endpoint whose host ends the call when the visitor’s minutes are spent: budget_exhausted, shown in words', async () => {
    const visitor = `budget-${Math.random().toString(36).slice(2)}`;
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat call-endpoint=${`/call/budgeted?visitor=${visitor}`} lang="en" muted></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const failed = until(el, 'rvc-error', (e: RvcErrorEvent) => e.detail.code === 'budget_exhausted');
    chat.clickStart();
    await chat.reach('live');
    const { detail } = await failed;
    expect(detail.status).to.equal(429);
    await chat.reach('failed');
    expect(chat.error).to.contain('limit for today');
  });

  it('call-endpoint refusing the start (a model the host does not offer) fails with call_rejected, its words shown, nothing running', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat call-endpoint="/call?model=gpt-unknown" lang="en"></realtime-voice-chat>`,
    );
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
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${baseUrl} lang="en" muted></realtime-voice-chat>`,
    );
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

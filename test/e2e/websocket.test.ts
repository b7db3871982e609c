import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { callReport, faultyBaseUrl, requestsTo, standInBaseUrl } from '../support/stand-in.js';
import { resources } from '../support/resources.js';

/** The stand-in's id for a WebSocket call: its session's (a socket has no call id). */
const sessionIdOf = (el: RealtimeVoiceChat) =>
  new Promise<string>((resolve) => {
    const seen = (e: Event) => {
      const { event } = (e as CustomEvent).detail;
      if (event.type === 'session.created') {
        el.removeEventListener('rvc-server-event', seen);
        resolve(event.session.id);
      }
    };
    el.addEventListener('rvc-server-event', seen);
  });

/** Resolves on the first animation frame where `predicate` holds. */
const whenever = (predicate: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (predicate() ? resolve() : requestAnimationFrame(check));
    check();
  });
// Firefox: `auto` takes the WebSocket at once (its WebRTC calls with the service drop mid-turn), WebRTC is never tried.
const firefox = navigator.userAgent.includes('Firefox');
const autoFellBack = firefox ? { kind: 'websocket', reason: 'firefox' } : { kind: 'websocket', reason: 'ice-timeout' };
const outputLevel = (el: RealtimeVoiceChat) =>
  Number(el.shadowRoot!.querySelector<HTMLElement>('[part~="output-meter"]')?.style.getPropertyValue('--level') || 0);

// A call over the Realtime WebSocket: events as text messages, the microphone as PCM16 appends from an audio
// worklet, the voice as PCM16 deltas played through a worklet into the element's <audio>. Real Chromium, the real
// token handler, the stand-in's WebSocket.
describe('the WebSocket transport', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;

  // `muted`: from the start, so the fake microphone's speech cannot open a spoken turn that cuts a typed one's reply.
  async function open(baseUrl?: string, transport = 'websocket', muted = false) {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${baseUrl ?? (await standInBaseUrl())} transport=${transport} lang="en" ?muted=${muted}></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    const sessionId = sessionIdOf(el);
    const metrics = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    chat.clickStart();
    await chat.reach('live');
    return { sessionId: await sessionId, metrics: (await metrics).detail };
  }

  afterEach(() => el?.stop());

  it('a greeting over the WebSocket: the assistant speaks first, once, with nothing from the visitor before it', async () => {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} transport="websocket" lang="en" muted greeting="Welcome back!"></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    const spoken = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    chat.clickStart();
    await chat.reach('live');
    expect((await spoken).detail.item.text).to.contain('Welcome back!');
    await el.updateComplete;
    expect(chat.items.map((i) => i.role)).to.deep.equal(['assistant']);
  });

  it('goes live over the WebSocket and says so in rvc-metrics', async () => {
    const { metrics } = await open();
    expect(metrics.transport).to.deep.equal({ kind: 'websocket', reason: 'asked' });
    expect(metrics.stages.channel).to.be.a('number');
    expect(metrics.stages.offer, 'no SDP over a WebSocket').to.equal(undefined);
    expect(el.callId).to.equal(undefined);
    expect(resources.liveWorkers(), 'the socket’s worker').to.have.length(1);
    el.stop();
    // The socket closes, then its worker ends: nothing is left running.
    await whenever(() => resources.liveWorkers().length === 0);
  });

  it('answers a typed message with a voice the page plays, its transcript and a completed reply; the voice never crosses the page’s thread', async () => {
    // Every worker the page makes: the socket's is one, so audio goes between it and the worklets directly.
    const workers: string[] = [];
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        workers.push(options?.name ?? '');
      }
    };
    try {
      await open(undefined, 'websocket', true);
    } finally {
      window.Worker = NativeWorker;
    }
    expect(workers).to.deep.equal(['realtime-voice-chat socket']);
    const types = new Set<string>();
    el.addEventListener('rvc-server-event', (e) => types.add(e.detail.event.type));
    const activities: string[] = [];
    el.addEventListener('rvc-activity', (e) => activities.push(e.detail.activity));
    const firstAudio = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.firstAudio !== undefined);
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Hello over the socket.');
    await firstAudio;
    // The voice is audible in the page: the output meter moves while it plays.
    await whenever(() => outputLevel(el) > 0.05);
    expect(activities).to.include('assistant-speaking');
    const { item } = (await reply).detail;
    expect(item.text).to.match(/stand-in/);
    const stream = chat.audio.srcObject as MediaStream;
    expect(stream.getAudioTracks()).to.have.length(1);
    await until(el, 'rvc-activity', (e) => e.detail.activity === 'listening');
    // Played, not passed on: the page hears the reply's events, as over WebRTC, but not its audio chunks.
    expect([...types]).to.include.members(['response.output_audio_transcript.delta', 'response.done']);
    expect([...types]).to.not.include('response.output_audio.delta');
  });

  it('a reply cut short is truncated to what the visitor heard, by the player’s clock', async () => {
    await open(undefined, 'websocket', true);
    const speaking = until(el, 'rvc-activity', (e) => e.detail.activity === 'assistant-speaking');
    el.sendText('Tell me a long story please, a really long one.');
    await speaking;
    const heardFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const truncate = until(el, 'rvc-client-event', (e) => e.detail.event.type === 'conversation.item.truncate');
    expect(el.interrupt(), 'there was a reply to stop').to.equal(true);
    const heardMs = performance.now() - heardFrom;
    const { audio_end_ms } = (await truncate).detail.event as unknown as { audio_end_ms: number };
    // The player started a little before the page heard of it, and the output buffer holds a few ms more.
    expect(audio_end_ms, `heard for ${Math.round(heardMs)} ms`).to.be.within(heardMs - 150, heardMs + 150);
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.truncated');
  });

  it('a stopped reply stays stopped: its voice still on the way (sent ahead, a slow uplink) is not played', async () => {
    await open(await faultyBaseUrl('slow-uplink'), 'websocket', true);
    const speaking = until(el, 'rvc-activity', (e) => e.detail.activity === 'assistant-speaking');
    el.sendText('Tell me a long story please, a really long one.');
    await speaking;
    await whenever(() => el.levels.output > 0.05);
    // The stand-in hears the stop 400 ms late and keeps sending the reply's voice, four times faster than it plays.
    const truncated = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.truncated');
    expect(el.interrupt()).to.equal(true);
    let loudest = 0;
    const watch = (until: number) =>
      new Promise<void>((resolve) => {
        const look = () => {
          loudest = Math.max(loudest, el.levels.output);
          if (performance.now() > until) resolve();
          else requestAnimationFrame(look);
        };
        look();
      });
    // The meter falls within a few frames of the stop, then nothing of the cut reply is heard again.
    await whenever(() => el.levels.output < 0.01);
    await watch(performance.now() + 1500);
    expect(loudest, 'the cut reply’s late voice was dropped').to.be.below(0.01);
    await truncated;
  });

  it('a host session set to G.711 still gets 24 kHz PCM over the WebSocket: the format is pinned, and the reply plays', async () => {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token/pcmu" base-url=${await standInBaseUrl()} transport="websocket" lang="en" muted></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    const sessionId = sessionIdOf(el);
    chat.clickStart();
    await chat.reach('live');
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Hello in PCM.');
    await whenever(() => outputLevel(el) > 0.05);
    await reply;
    const { session } = (await callReport(await sessionId)) as unknown as {
      session: { audio: { input: { format: unknown }; output: { format: unknown } } };
    };
    expect([session.audio.input.format, session.audio.output.format]).to.deep.equal([
      { type: 'audio/pcm', rate: 24000 },
      { type: 'audio/pcm', rate: 24000 },
    ]);
  });

  it('sends the microphone as input_audio_buffer.append, and nothing while muted', async () => {
    const { sessionId } = await open();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const heard = await callReport(sessionId);
    expect(heard.heard.packets, 'appends received').to.be.greaterThan(10);
    expect(heard.heard.voicedMs, 'the fake microphone speaks').to.be.greaterThan(0);
    el.muted = true;
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = (await callReport(sessionId)).heard.packets;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await callReport(sessionId)).heard.packets, 'no audio while muted').to.equal(before);
  });

  it(`auto ${firefox ? 'in Firefox goes straight to' : 'falls back to'} the WebSocket when ICE finds no path, without failing`, async () => {
    const states: string[] = [];
    const errors: string[] = [];
    // Muted from the start: the fake microphone's speech, heard before a later mute, could open a spoken turn that
    // interrupts the typed one's reply (CI saw this test wait for a reply that was cut short).
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await faultyBaseUrl('ice-never')} lang="en" muted></realtime-voice-chat>`,
    );
    el.addEventListener('rvc-state', (e) => states.push(e.detail.state));
    el.addEventListener('rvc-error', (e) => errors.push(e.detail.code));
    const ready = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const { transport, stages } = (await ready).detail;
    expect(transport).to.deep.equal(autoFellBack);
    expect(stages.answer, firefox ? 'WebRTC was not tried' : 'WebRTC was tried first').to.be.a(
      firefox ? 'undefined' : 'number',
    );
    expect(states).to.deep.equal(['connecting', 'live']);
    expect(errors).to.deep.equal([]);
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Are you there?');
    await reply;
  });

  it('a tool round trip over the WebSocket: the handler runs, its output goes back, the reply uses it', async () => {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} transport="websocket" lang="en" muted></realtime-voice-chat>`,
    );
    el.tools = [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
        handler: (args) => ({ city: (args as { city: string }).city, temp: 21 }),
      },
    ];
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Please use get_weather for Tokyo');
    expect((await reply).detail.item.text).to.contain('get_weather returned: {"city":"stand-in","temp":21}');
    await el.updateComplete;
    expect(chat.items.map((i) => i.role)).to.deep.equal(['user', 'tool', 'assistant']);
  });

  it('a dropped socket is replaced by a new one that carries the conversation on', async () => {
    const states: string[] = [];
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await faultyBaseUrl('drop-once~ws')} transport="websocket" lang="en" muted output-modalities="text"></realtime-voice-chat>`,
    );
    el.addEventListener('rvc-state', (e) => states.push(e.detail.state));
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const first = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('First question');
    await first;
    await until(el, 'rvc-state', (e) => e.detail.state === 'reconnecting');
    await chat.reach('live');
    expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
    const second = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' &&
        e.detail.item.status === 'completed' &&
        e.detail.item.text.includes('Second'),
    );
    el.sendText('Second question');
    await second;
    await el.updateComplete;
    expect(el.conversation.map((i) => i.role)).to.deep.equal(['user', 'assistant', 'divider', 'user', 'assistant']);
  });

  it('transport="websocket" with only a call endpoint fails at once with websocket_needs_token', async () => {
    el = await fixture(
      html`<realtime-voice-chat call-endpoint="/call" base-url=${await standInBaseUrl()} transport="websocket" lang="en"></realtime-voice-chat>`,
    );
    const error = until(el, 'rvc-error', () => true);
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('failed');
    expect((await error).detail.code).to.equal('websocket_needs_token');
    expect(chat.error).to.contain('needs a token endpoint');
  });

  it('auto with only a call endpoint stays on WebRTC; when ICE cannot connect it fails with network_blocked', async () => {
    el = await fixture(html`<realtime-voice-chat call-endpoint="/call/ice-never" lang="en"></realtime-voice-chat>`);
    el.connectTimeout = 60;
    const error = until(el, 'rvc-error', () => true);
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('failed');
    expect((await error).detail.code).to.equal('network_blocked');
  });

  it('auto with a call endpoint and a token endpoint falls back through the token, with one key for the whole call', async () => {
    performance.clearResourceTimings();
    resources.reset();
    el = await fixture(
      html`<realtime-voice-chat call-endpoint="/call/ice-never" token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en" muted></realtime-voice-chat>`,
    );
    const ready = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    expect((await ready).detail.transport).to.deep.equal(autoFellBack);
    expect(requestsTo('/token'), 'one key').to.equal(1);
    await resources.settled();
    expect(resources.openPeers(), 'the WebRTC attempt is closed').to.have.length(0);
  });
});

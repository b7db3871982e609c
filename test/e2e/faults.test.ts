import { assert, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcErrorEvent, RvcTranscriptEvent } from '../../src/index.js';
import type { ErrorCode } from '../../src/core/index.js';
import { stringsFor } from '../../src/element/i18n/strings.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { faultyBaseUrl, requestsTo, startCountingRequests, standInBaseUrl } from '../support/stand-in.js';

const en = stringsFor('en');
let run = 0;

interface Scenario {
  title: string;
  /** A token endpoint fault (test services), or none for the real handler. */
  token?: string;
  /** A stand-in fault for the call. */
  call?: string;
  code: ErrorCode;
  /** Key requests the start made in all: a refusal is never retried, a failure that may pass is retried twice. */
  tokenRequests?: number;
  callRequests?: number;
  connectTimeout?: number;
  /** The call was live when lost: it is replaced twice before the failure is final. */
  replaced?: boolean;
}

// Every way a start or a call can fail: the code, the visible message, the final state, and nothing left running.
const scenarios: Scenario[] = [
  { title: 'token endpoint 401', token: 'status-401', code: 'token_http_error', tokenRequests: 1 },
  { title: 'token endpoint 403', token: 'status-403', code: 'token_http_error', tokenRequests: 1 },
  { title: 'token endpoint 429, after two retries', token: 'status-429', code: 'rate_limited', tokenRequests: 3 },
  {
    title: 'token endpoint 500, after two retries',
    token: 'status-500',
    code: 'service_unavailable',
    tokenRequests: 3,
  },
  {
    title: 'the host’s own token endpoint crashes (HTML 500), after two retries',
    token: 'crash-500',
    code: 'endpoint_failed',
    tokenRequests: 3,
  },
  { title: 'token endpoint answers an HTML page', token: 'html', code: 'token_invalid', tokenRequests: 1 },
  { title: 'token endpoint answers invalid JSON', token: 'invalid-json', code: 'token_invalid', tokenRequests: 1 },
  { title: 'token endpoint hangs', token: 'hang', code: 'connect_timeout', connectTimeout: 1.5 },
  { title: '/calls 400 with a JSON error', call: 'calls-400', code: 'call_rejected', callRequests: 1 },
  {
    title: '/calls 401: the key expired (one more try with a fresh key)',
    call: 'calls-401',
    code: 'call_rejected',
    tokenRequests: 2,
    callRequests: 2,
  },
  { title: '/calls 429, after two retries', call: 'calls-429', code: 'rate_limited', callRequests: 3 },
  { title: '/calls 500, after two retries', call: 'calls-500', code: 'service_unavailable', callRequests: 3 },
  { title: '/calls answers 2xx that is not SDP', call: 'calls-non-sdp', code: 'call_invalid_answer', callRequests: 1 },
  { title: '/calls hangs', call: 'calls-hang', code: 'connect_timeout', connectTimeout: 1.5 },
  { title: 'ICE never connects', call: 'ice-never', code: 'connect_timeout', connectTimeout: 3 },
  {
    title: 'a slow SDP exchange outlasts a short connect-timeout',
    call: 'slow',
    code: 'connect_timeout',
    connectTimeout: 1,
  },
  { title: 'the service’s peer goes away once live', call: 'drop', code: 'connection_lost', replaced: true },
  { title: 'the data channel closes once live', call: 'channel-close', code: 'channel_closed', replaced: true },
  { title: 'the session reaches its time limit', call: 'session-cap', code: 'session_expired', replaced: true },
];

describe('fault matrix: every failure is named, shown, and leaves nothing running', () => {
  let el: RealtimeVoiceChat;

  beforeEach(() => {
    resources.reset();
    startCountingRequests();
  });

  afterEach(() => el?.stop());

  for (const scenario of scenarios) {
    it(`${scenario.title} → ${scenario.code}`, async function () {
      // Three calls, each lost after it went live (a vanished peer waits out the 10 s grace first).
      if (scenario.replaced) this.timeout(90_000);
      const tag = `~r${++run}`;
      const token = scenario.token ? `/token/fault/${scenario.token}${tag}` : '/token';
      const baseUrl = scenario.call ? await faultyBaseUrl(`${scenario.call}${tag}`) : await standInBaseUrl();
      el = await fixture(
        html`<realtime-voice-chat token-endpoint=${token} base-url=${baseUrl} lang="en" muted connect-timeout=${scenario.connectTimeout ?? 20}></realtime-voice-chat>`,
      );
      const chat = new ChatHarness(el);
      const errors: RvcErrorEvent['detail'][] = [];
      el.addEventListener('rvc-error', (e) => errors.push(e.detail));
      chat.clickStart();
      await chat.reach('failed');
      await resources.settled();

      // A lost live call is replaced (twice at most), each loss told as recoverable; the last one is final.
      expect(errors.map((e) => e.code)).to.deep.equal(Array(scenario.replaced ? 3 : 1).fill(scenario.code));
      expect(errors.map((e) => e.recoverable)).to.deep.equal([...Array(scenario.replaced ? 2 : 0).fill(true), false]);
      expect(chat.error).to.contain(en.errors[scenario.code]);
      // Where it failed: the host's token endpoint, the call's exchange, or the network.
      const lost = ['connect_timeout', 'connection_lost', 'channel_closed'].includes(scenario.code);
      const where = lost
        ? 'network'
        : scenario.code === 'session_expired'
          ? 'service'
          : scenario.token
            ? 'token'
            : 'call';
      expect(errors.map((e) => e.stage)).to.deep.equal(errors.map(() => where));
      expect(chat.status).to.equal(en.states.failed);
      assert.exists(chat.startButton, 'Start is offered again');
      expect(resources.liveTracks(), 'live microphone tracks').to.have.length(0);
      expect(resources.openPeers(), 'open peers').to.have.length(0);
      if (scenario.tokenRequests) expect(requestsTo('/token'), 'token requests').to.equal(scenario.tokenRequests);
      if (scenario.callRequests) expect(requestsTo('/realtime/calls'), 'call requests').to.equal(scenario.callRequests);
    });
  }
});

describe('faults a call survives', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  let errors: RvcErrorEvent['detail'][];
  let types: string[];
  const escaped: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => escaped.push('reason' in e ? e.reason : e.error);

  async function start(token: string, baseUrl: string): Promise<void> {
    el = await fixture(
      html`<realtime-voice-chat token-endpoint=${token} base-url=${baseUrl} lang="en" muted></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    errors = [];
    types = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
    el.addEventListener('rvc-server-event', (e) => types.push(e.detail.event.type));
    chat.clickStart();
    await chat.reach('live');
  }

  /** Resolves once a server event of `type` has arrived, also if it came before the test reached `live`. */
  async function arrived(type: string): Promise<void> {
    if (!types.includes(type)) await until(el, 'rvc-server-event', (e) => e.detail.event.type === type);
  }

  /** Stop ends it all: no live track, no open peer. */
  async function stopCleanly(): Promise<void> {
    el.stop();
    await nothingLeftRunning();
  }

  /** A typed turn still gets its whole reply. */
  async function stillTalks(): Promise<void> {
    const done = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await chat.type('Are you still there?');
    expect((await done).detail.item.text).to.contain('Are you still there?');
  }

  beforeEach(() => {
    resources.reset();
    startCountingRequests();
    escaped.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });

  afterEach(() => {
    el?.stop();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });

  it('a token endpoint failing once (500) is tried again and the call goes live', async () => {
    await start(`/token/fault/status-500-once~s${++run}`, await standInBaseUrl());
    expect(requestsTo('/token')).to.equal(2);
    expect(errors).to.deep.equal([]);
    await stopCleanly();
  });

  it('/calls failing once (500) is tried again with the same key and the call goes live', async () => {
    await start('/token', await faultyBaseUrl(`calls-500-once~s${++run}`));
    expect([requestsTo('/token'), requestsTo('/realtime/calls')]).to.deep.equal([1, 2]);
    expect(errors).to.deep.equal([]);
    await stopCleanly();
  });

  it('slow stages (a 1.5 s SDP exchange) still connect within the default timeout', async () => {
    await start('/token', await faultyBaseUrl('slow'));
    expect(el.metrics.answer! - el.metrics.offer!).to.be.at.least(1500);
    expect(errors).to.deep.equal([]);
    await stillTalks();
    await stopCleanly();
  });

  it('an error event is shown with the server’s words and the call stays live', async () => {
    await start('/token', await faultyBaseUrl('error-event'));
    // It may have come with session.updated, before the test listened for it.
    while (!errors.length) await oneEvent(el, 'rvc-error');
    await el.updateComplete;
    expect(errors.map((e) => [e.code, e.recoverable, e.serverCode])).to.deep.equal([
      ['server_error', true, 'stand_in_fault'],
    ]);
    expect(chat.error).to.contain(en.errors.server_error).and.contain('fault error-event');
    expect(el.state).to.equal('live');
    await stillTalks();
    await stopCleanly();
  });

  it('malformed, unknown, binary, mistyped and oversized messages are reported, nothing escapes, the call goes on', async () => {
    await start('/token', await faultyBaseUrl('hostile'));
    await arrived('stand_in.oversized');
    await el.updateComplete;
    // Not JSON, `null`, an array, a numeric type, a mistyped delta, a string item, and a binary message.
    expect(errors.map((e) => e.code)).to.deep.equal(Array(7).fill('server_event_invalid'));
    expect(errors.every((e) => e.recoverable)).to.equal(true);
    expect(escaped).to.deep.equal([]);
    expect(el.state).to.equal('live');
    expect(chat.items).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    // The log shows the oversized event cut short.
    const log = await chat.readLog();
    expect(log).to.contain('stand_in.oversized').and.contain('stand_in.unknown_event');
    expect(log.length).to.be.below(20_000);
    await stillTalks();
    expect(escaped).to.deep.equal([]);
    await stopCleanly();
  });

  for (const seed of [1, 2, 3]) {
    it(`fuzz (seed ${seed}): 400 random and hostile messages; no exception escapes and the transcript shows exactly the conversation`, async () => {
      await start('/token', await faultyBaseUrl(`fuzz~seed${seed}`));
      await arrived('stand_in.fuzz_done');
      await el.updateComplete;
      // Every message was seen: passed on as an event, or reported as unreadable.
      const fuzzStart = types.indexOf('session.updated') + 1;
      expect(types.length - fuzzStart - 1 + errors.filter((e) => e.code === 'server_event_invalid').length).to.equal(
        400,
      );
      expect(escaped).to.deep.equal([]);
      expect(el.state).to.equal('live');
      expect(errors.length).to.be.greaterThan(0);
      expect(
        errors.every((e) => e.recoverable && (e.code === 'server_event_invalid' || e.code === 'server_error')),
      ).to.equal(true);
      const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')].map((p) => [
        p.dataset.id,
        p.querySelector('[part~="text"]')!.textContent,
      ]);
      const ids = el.conversation.map((item) => item.id);
      expect(new Set(ids).size, 'no item twice').to.equal(ids.length);
      expect(shown.map(([id]) => id)).to.deep.equal(ids);
      for (const [i, item] of el.conversation.entries())
        if (item.role !== 'tool' && item.text) expect(shown[i][1]).to.equal(item.text);
      expect(el.shadowRoot!.querySelectorAll('img, script, b')).to.have.length(0);
      expect(JSON.stringify(el.conversation)).not.to.contain('FUZZKEY');
      // Typing still works (the reply may wait behind a response the fuzz claimed was running).
      expect(() => el.sendText('still here?')).not.to.throw();
      await stopCleanly();
    });
  }
});

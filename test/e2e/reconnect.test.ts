import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcErrorEvent, RvcTranscriptEvent } from '../../src/index.js';
import { stringsFor } from '../../src/element/i18n/strings.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { callReport, faultyBaseUrl, requestsTo, startCountingRequests, standInBaseUrl } from '../support/stand-in.js';

const en = stringsFor('en');
let run = 0;

describe('reconnect: a lost call is replaced and the conversation goes on', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  let states: string[];
  let errors: RvcErrorEvent['detail'][];

  async function start(fault: string, attributes: { maxDuration?: number; greeting?: string } = {}): Promise<void> {
    resources.reset();
    startCountingRequests();
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${fault ? await faultyBaseUrl(`${fault}~c${++run}`) : await standInBaseUrl()} lang="en" muted output-modalities="text" max-duration=${attributes.maxDuration ?? 0} greeting=${attributes.greeting ?? nothing}></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    states = [];
    errors = [];
    el.addEventListener('rvc-state', (e) => states.push(e.detail.state));
    el.addEventListener('rvc-error', (e) => errors.push(e.detail));
    chat.clickStart();
    await chat.reach('live');
  }

  async function turn(text: string): Promise<void> {
    const done = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) =>
        e.detail.item.role === 'assistant' && e.detail.item.status === 'completed' && e.detail.item.text.includes(text),
    );
    await chat.type(text);
    await done;
    await el.updateComplete;
  }

  afterEach(() => el?.stop());

  it('a greeting: the assistant speaks first, with no visitor turn, once per conversation — not again after a reconnect', async () => {
    const greeted = (item: { role: string; text: string }) =>
      item.role === 'assistant' && item.text.includes('Welcome to the shop!');
    await start('drop-once', { greeting: 'Welcome to the shop!' });
    const turns: unknown[] = [];
    el.addEventListener('rvc-metrics', (e) => e.detail.turn && turns.push(e.detail.turn));
    await until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => greeted(e.detail.item) && e.detail.item.status === 'completed',
    );
    await el.updateComplete;
    expect(chat.items.map((i) => i.role)).to.deep.equal(
      ['assistant'],
      'the greeting comes before anything the visitor said',
    );
    expect(turns, 'no visitor turn was timed').to.deep.equal([]);
    await turn('First question');
    await until(el, 'rvc-state', (e) => e.detail.state === 'reconnecting');
    await chat.reach('live');
    await turn('Second question');
    expect(chat.items.filter(greeted)).to.have.length(1);
    const report = await callReport(el.callId!);
    // The replacement call asked for one reply, the visitor's: no greeting again.
    expect(report.received.filter((t) => t === 'response.create')).to.have.length(1);
  });

  for (const [fault, code] of [
    ['drop-once', 'connection_lost'],
    ['session-cap-once', 'session_expired'],
  ] as const) {
    it(`${fault}: reconnecting, a new call with a fresh key seeded with what was said, a divider, and talk goes on`, async () => {
      await start(fault);
      const firstCall = el.callId!;
      await turn('First question');
      const before = chat.items;
      await until(el, 'rvc-state', (e) => e.detail.state === 'reconnecting');
      await el.updateComplete;
      expect(chat.status).to.equal(en.states.reconnecting);
      await chat.reach('live');
      expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
      expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([[code, true]]);
      expect(el.callId).to.match(/^rtc_/).and.not.equal(firstCall);
      expect(requestsTo('/token'), 'a fresh key').to.equal(2);
      await resources.settled();
      expect(resources.openPeers(), 'only the new peer is open').to.have.length(1);
      // The new call was told the conversation as text items, with their ids: nothing shows twice.
      const report = await callReport(el.callId!);
      expect(report.received.filter((t) => t === 'conversation.item.create').length).to.equal(2);
      expect(chat.items.slice(0, 2)).to.deep.equal(before);
      expect(chat.error, 'the notice goes once restored').to.equal('');
      await turn('Second question');
      const shown = [...el.shadowRoot!.querySelectorAll('[part~="item"], [part~="divider"]')].map((p) =>
        p.getAttribute('part'),
      );
      expect(shown).to.deep.equal([
        'item item-user',
        'item item-assistant',
        'divider',
        'item item-user',
        'item item-assistant',
      ]);
      expect(el.shadowRoot!.querySelector('[part~="divider"]')!.textContent).to.equal(en.resumed);
      el.stop();
      await nothingLeftRunning();
    });
  }

  it('events-stall-once: the event channel goes quiet while the voice goes on; the owed reply is given up, a new call carries the talk on', async function () {
    this.timeout(60_000);
    await start('events-stall-once');
    const firstCall = el.callId!;
    await turn('First question');
    // The stand-in stops delivering events 3 s after the call is live; the voice and ICE go on.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await chat.type('Second question');
    await until(el, 'rvc-state', (e) => e.detail.state === 'reconnecting');
    await chat.reach('live');
    expect(errors.map((e) => [e.code, e.recoverable])).to.deep.equal([['connection_lost', true]]);
    expect(errors[0].detail).to.contain('no event arrived');
    expect(el.callId).to.not.equal(firstCall);
    await turn('Third question');
    expect(chat.items.filter((i) => i.role === 'user').map((i) => i.text)).to.deep.equal([
      'First question',
      'Second question',
      'Third question',
    ]);
    el.stop();
    await nothingLeftRunning();
  });

  it('a short network blackout: reconnecting, then the same call goes on (no new key, no new peer)', async function () {
    this.timeout(60_000);
    await start('blip');
    const callId = el.callId;
    await until(el, 'rvc-state', (e) => e.detail.state === 'reconnecting');
    await chat.reach('live');
    expect(states).to.deep.equal(['connecting', 'live', 'reconnecting', 'live']);
    expect(el.callId).to.equal(callId);
    expect([requestsTo('/token'), resources.peers.length]).to.deep.equal([1, 1]);
    await turn('Still there after the tunnel?');
    el.stop();
    await nothingLeftRunning();
  });

  it('max-duration ends the conversation on the host’s terms: ended, said so, nothing running', async () => {
    await start('', { maxDuration: 2 });
    await until(el, 'rvc-state', (e) => e.detail.state === 'ended');
    await el.updateComplete;
    await resources.settled();
    expect(errors.map((e) => [e.code, e.recoverable, e.detail])).to.deep.equal([
      ['session_expired', true, 'max-duration'],
    ]);
    expect(chat.error).to.contain(en.errors.session_expired);
    expect(resources.liveTracks()).to.have.length(0);
    expect(resources.openPeers()).to.have.length(0);
  });
});

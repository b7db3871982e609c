import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent } from '../../src/index.js';
import type { Stage } from '../../src/core/index.js';
import { ChatHarness } from '../support/harness.js';
import { nothingLeftRunning, resources } from '../support/resources.js';
import { callReport, requestsTo, startCountingRequests, standInBaseUrl } from '../support/stand-in.js';

const STAGES: Stage[] = ['token', 'microphone', 'offer', 'answer', 'ice', 'channel', 'ready'];

// WebRTC's stages, so WebRTC only: under load `auto` could leave for the WebSocket before ICE, skipping the stage a test stops at.
async function element(): Promise<RealtimeVoiceChat> {
  return fixture(
    html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} transport="webrtc" lang="en" muted></realtime-voice-chat>`,
  );
}

/** Runs `act` synchronously when the start reaches `stage` (from the element's own metrics event). */
function atStage(el: RealtimeVoiceChat, stage: Stage, act: () => void): void {
  const listener = (e: RvcMetricsEvent) => {
    if (e.detail.stages[stage] === undefined) return;
    el.removeEventListener('rvc-metrics', listener);
    act();
  };
  el.addEventListener('rvc-metrics', listener);
}

describe('races and lifecycle: one key, one microphone, one peer per start; nothing left running', () => {
  let el: RealtimeVoiceChat;

  beforeEach(() => {
    resources.reset();
    startCountingRequests();
  });

  afterEach(() => el?.stop());

  it('double Start (two clicks and a start() call) opens one key fetch, one microphone request and one peer', async () => {
    el = await element();
    const chat = new ChatHarness(el);
    chat.clickStart();
    void el.start();
    chat.startButton?.click();
    await chat.reach('live');
    expect([requestsTo('/token'), resources.micRequests, resources.peers.length]).to.deep.equal([1, 1, 1]);
  });

  for (const stage of STAGES) {
    it(`Stop at the ${stage} stage: ended, and nothing running`, async () => {
      el = await element();
      const ended = new Promise<void>((resolve) =>
        el.addEventListener('rvc-state', (e) => e.detail.state === 'ended' && resolve()),
      );
      atStage(el, stage, () => el.stop());
      void el.start();
      await ended;
      await nothingLeftRunning();
      // It stays ended: nothing still under way brings the call back.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(el.state).to.equal('ended');
      expect(el.activity).to.equal('idle');
      expect([requestsTo('/token'), resources.micRequests, resources.peers.length]).to.deep.equal([1, 1, 1]);
    });

    it(`removed from the page at the ${stage} stage: ended, and nothing running`, async () => {
      el = await element();
      const ended = new Promise<void>((resolve) =>
        el.addEventListener('rvc-state', (e) => e.detail.state === 'ended' && resolve()),
      );
      atStage(el, stage, () => el.remove());
      void el.start();
      await ended;
      await nothingLeftRunning();
    });
  }

  it('page hide (leaving, or the back/forward cache) ends the call and the service hears the hangup', async () => {
    el = await element();
    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const callId = el.callId!;
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(el.state).to.equal('ended');
    await nothingLeftRunning();
    let report = await callReport(callId);
    for (let i = 0; !report.closed && i < 50; i++)
      report = await new Promise((r) => setTimeout(r, 100)).then(() => callReport(callId));
    expect(report.closed).to.equal(true);
  });

  it('50 start/stop cycles, stopped at every point from at once to live: 0 live tracks and 0 open peers at the end', async function () {
    this.timeout(120_000);
    el = await element();
    for (let cycle = 0; cycle < 50; cycle++) {
      const stage = cycle % 10 < STAGES.length ? STAGES[cycle % 10] : undefined;
      const done = new Promise<void>((resolve) =>
        el.addEventListener(
          'rvc-state',
          (e) => (e.detail.state === 'ended' || e.detail.state === 'failed') && resolve(),
          { once: false },
        ),
      );
      if (stage) atStage(el, stage, () => el.stop());
      const started = el.start();
      // The rest stop before any stage, or right after start() returns control.
      if (!stage) cycle % 2 ? el.stop() : queueMicrotask(() => el.stop());
      await started;
      await done;
      expect(el.state, `cycle ${cycle}`).to.equal('ended');
    }
    await nothingLeftRunning();
    // One peer at most per start: a start stopped before its session code loaded never made one.
    expect(resources.peers.length).to.be.within(1, 50);
    expect(resources.micRequests).to.be.at.most(resources.peers.length);
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcServerEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { resources } from '../support/resources.js';
import { callReport, standInBaseUrl } from '../support/stand-in.js';

/** Resolves on the first animation frame where `predicate` holds. */
const whenever = (predicate: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (predicate() ? resolve() : requestAnimationFrame(check));
    check();
  });

// WebKit runs no audio before a real gesture: Start is pressed through WebDriver, as a visitor's click.
async function press(button: HTMLElement): Promise<void> {
  button.scrollIntoView();
  const box = button.getBoundingClientRect();
  await executeServerCommand('real-click', { x: box.left + box.width / 2, y: box.top + box.height / 2 });
}

// WebKitGTK as Debian builds it has WebSocket, AudioWorklet and getUserMedia but no RTCPeerConnection: `auto` takes the
// WebSocket. The microphone is WebKit's mock capture device (a beeping tone); the stand-in, the token handler and the
// sockets are real.
describe('WebKitGTK: the WebSocket transport end to end', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  let sessionId: string;

  async function start(muted: boolean, turnDetection = 'server_vad') {
    resources.reset();
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en" turn-detection=${turnDetection} ?muted=${muted}></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
    const created = until(el, 'rvc-server-event', (e: RvcServerEvent) => e.detail.event.type === 'session.created');
    const ready = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    await press(chat.startButton!);
    await chat.reach('live');
    sessionId = ((await created).detail.event as unknown as { session: { id: string } }).session.id;
    return (await ready).detail;
  }

  afterEach(() => el?.stop());

  it('goes live on the WebSocket, saying why (no WebRTC in this browser)', async () => {
    const metrics = await start(true);
    expect(typeof RTCPeerConnection).to.equal('undefined');
    expect(metrics.transport).to.deep.equal({ kind: 'websocket', reason: 'no-webrtc' });
    // The socket is the stand-in's to see: it lives in the element's worker, not on the page.
    expect((await callReport(sessionId)).closed).to.equal(false);
    expect(resources.openSockets(), 'no socket on the page').to.have.length(0);
    expect(resources.liveWorkers(), 'the socket’s worker').to.have.length(1);
  });

  it('a typed message gets a spoken reply, decoded and played in the page, and its completed transcript', async () => {
    await start(true);
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Hello from WebKit');
    // The output meter reads the playback path (after the jitter-buffer worklet): it moves only for decoded, playing audio.
    await whenever(() => el.levels.output > 0.01);
    expect((await reply).detail.item.text).to.contain('Hello from WebKit');
    const report = await callReport(sessionId);
    expect(report.received).to.include('conversation.item.create');
  });

  // WebKit's mock microphone is a steady tone that never pauses, so the turn is pushed to talk: held about 2.5 s. On a
  // loaded runner WebKit's audio thread may deliver capture up to ~1 s late, and what comes after the release is not
  // the turn's: most of the press, not all of it, is heard (0.7 s of a 1.5 s press was seen once).
  it('a spoken turn: the mock microphone is heard while Talk is held, and the model answers what it heard', async () => {
    await start(false, 'none');
    const reply = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(el.levels.input, 'the meter shows nothing before the press').to.equal(0);
    expect((await callReport(sessionId)).heard.heardMs, 'nothing is sent before the press').to.equal(0);
    el.pushToTalk(true);
    await whenever(() => el.levels.input > 0.01);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    el.pushToTalk(false);
    const { item } = (await reply).detail;
    const heard = Number(/I heard you speak for (\d\.\d) seconds/.exec(item.text)?.[1]);
    expect(heard, item.text).to.be.within(1, 4);
    expect(el.conversation.some((entry) => entry.role === 'user')).to.equal(true);
    expect((await callReport(sessionId)).heard.voicedMs).to.be.greaterThan(0);
  });

  it('stop leaves nothing running: no microphone track, no socket, no audio context; the stand-in sees the hangup', async () => {
    await start(false);
    await press(chat.stopButton!);
    await chat.reach('ended');
    await resources.settled();
    expect(resources.liveTracks(), 'microphone tracks').to.have.length(0);
    expect(resources.openSockets(), 'sockets').to.have.length(0);
    await whenever(() => resources.liveWorkers().length === 0);
    await whenever(() => resources.openAudioContexts().length === 0);
    let report = await callReport(sessionId);
    for (let i = 0; !report.closed && i < 50; i++)
      report = await new Promise((r) => setTimeout(r, 100)).then(() => callReport(sessionId));
    expect(report.closed).to.equal(true);
  });
});

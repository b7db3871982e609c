import { assert, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { inboundAudioEnergy, resources } from '../support/resources.js';
import { callReport, standInBaseUrl } from '../support/stand-in.js';

// The whole product against the local stand-in: real Chromium, real WebRTC, the real token handler on /token.
describe('realtime-voice-chat end to end', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;

  beforeEach(async () => {
    resources.reset();
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en"></realtime-voice-chat>`,
    );
    chat = new ChatHarness(el);
  });

  afterEach(() => {
    el.stop();
  });

  it('goes idle → connecting → live on Start and reports every connect stage', async () => {
    const states: string[] = [];
    el.addEventListener('rvc-state', (e) => states.push(e.detail.state));
    const metrics = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.ready !== undefined);
    // Muted, so the status stays on listening: the fake microphone would otherwise be heard speaking.
    el.muted = true;
    chat.clickStart();
    await chat.reach('live');
    expect(states).to.deep.equal(['connecting', 'live']);
    expect(chat.status).to.equal('Listening — speak now');
    assert.exists(chat.stopButton);
    const { stages } = (await metrics).detail;
    for (const stage of ['token', 'microphone', 'offer', 'answer', 'channel', 'ready'] as const) {
      expect(stages[stage], stage).to.be.a('number').and.at.least(0);
    }
    expect(stages.ready).to.be.at.least(stages.channel!);
    expect(stages.channel).to.be.at.least(stages.answer!);
    expect(el.callId).to.match(/^rtc_/);
    await expect(el).to.be.accessible();
  });

  it('streams the reply to a typed message and completes it, with the exact user text above it', async () => {
    // Muted: the fake microphone speaks, and its turns would interleave with the typed one.
    el.muted = true;
    chat.clickStart();
    await chat.reach('live');
    const text = 'Hello stand-in, <b>are</b> you there? 日本語も';
    const assistantUpdates: string[] = [];
    el.addEventListener(
      'rvc-transcript',
      (e) => e.detail.item.role === 'assistant' && assistantUpdates.push(e.detail.item.text),
    );
    const done = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    await chat.type(text);
    const { item } = (await done).detail;
    await el.updateComplete;
    expect(item.text).to.contain('local stand-in').and.contain(text);
    // Streamed: the text grew over several updates before it completed.
    expect(new Set(assistantUpdates).size).to.be.greaterThan(3);
    expect(chat.items.map((i) => [i.role, i.status])).to.deep.equal([
      ['user', 'completed'],
      ['assistant', 'completed'],
    ]);
    expect(chat.items[0].text).to.equal(text);
    expect(chat.items[1].text).to.equal(item.text);
    // Model output is text: the <b> it echoed is not an element.
    expect(chat.transcript.querySelector('b')).to.equal(null);
    expect(chat.input.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('plays the spoken reply: remote audio energy arrives and the first-audio stage is measured', async () => {
    el.muted = true;
    chat.clickStart();
    await chat.reach('live');
    const firstAudio = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.stages.firstAudio !== undefined);
    const stopped = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'output_audio_buffer.stopped');
    el.sendText('Say something.');
    expect((await firstAudio).detail.stages.firstAudio).to.be.greaterThan(0);
    await stopped;
    expect(chat.audio.srcObject).to.be.instanceOf(MediaStream);
    expect(await inboundAudioEnergy(resources.peers[0])).to.be.greaterThan(0);
  });

  it('sends the microphone: the stand-in hears the fake mic speak', async () => {
    chat.clickStart();
    await chat.reach('live');
    // The stand-in's turn detection commits what the looping fake-mic sentence said.
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'input_audio_buffer.committed');
    const report = await callReport(el.callId!);
    // 20 ms a packet: at least half a second of microphone audio reached it before its turn detection committed.
    expect(report.heard.packets).to.be.greaterThan(25);
    expect(report.heard.voicedMs).to.be.greaterThan(300);
    expect(report.heard.peak).to.be.greaterThan(0.02);
    expect(report.received[0]).to.equal('session.update');
  });

  it('Stop ends every track and closes the peer', async () => {
    chat.clickStart();
    await chat.reach('live');
    expect(resources.liveTracks()).to.have.length(1);
    const ended = oneEvent(el, 'rvc-state');
    chat.clickStop();
    expect((await ended).detail).to.deep.equal({ state: 'ended', previous: 'live' });
    await el.updateComplete;
    expect(resources.liveTracks()).to.have.length(0);
    expect(resources.openPeers()).to.have.length(0);
    assert.exists(chat.startButton);
    expect(chat.status).to.equal('Conversation ended');
  });
});

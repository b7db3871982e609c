import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { Activity } from '../../src/core/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { inboundAudioEnergy, resources } from '../support/resources.js';
import { callReport, fakeMicRms, standInBaseUrl } from '../support/stand-in.js';

/** Resolves on the first animation frame where `predicate` holds (the meters' levels change without events). */
function whenever(predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (predicate() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

// The visitor talks: Chromium's fake microphone loops a synthesized sentence every 8 s, the stand-in hears it with its
// voice-activity detector and answers by voice. Real Chromium, real WebRTC, the real token handler.
describe('voice turns end to end', () => {
  let el: RealtimeVoiceChat;
  let chat: ChatHarness;
  const activities: Activity[] = [];

  async function open(attributes: { turnDetection?: string } = {}) {
    resources.reset();
    activities.length = 0;
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en" turn-detection=${attributes.turnDetection ?? 'server_vad'}></realtime-voice-chat>`,
    );
    el.addEventListener('rvc-activity', (e) => activities.push(e.detail.activity));
    chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
  }

  afterEach(() => el.stop());

  it('a spoken turn: user item (its late transcript above the reply), spoken reply, completed assistant item, turn latency', async () => {
    expect((await fakeMicRms()).turns, 'the fake microphone is loud').to.be.greaterThan(0.03);
    await open();
    const turn = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.turn !== undefined);
    const reply = until(el, 'rvc-transcript', (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed');
    const transcript = until(el, 'rvc-transcript', (e: RvcTranscriptEvent) => e.detail.item.role === 'user' && e.detail.item.text.endsWith(']'));
    const [{ detail: spoken }, { detail: answer }] = await Promise.all([transcript, reply]);
    await el.updateComplete;
    expect(spoken.item.text).to.match(/^\[stand-in heard [1-9]\.\d s of speech; it does not recognise words\]$/);
    expect(answer.item.text).to.match(/I heard you speak for [1-9]\.\d seconds/);
    // The transcript arrived after the reply had begun, and still sits above it, once.
    const ids = chat.items.map((i) => i.role);
    const userIndex = el.conversation.findIndex((i) => i.id === spoken.item.id);
    expect(el.conversation[userIndex + 1]?.id).to.equal(answer.item.id);
    expect(ids.filter((r) => r === 'user')).to.have.length(el.conversation.filter((i) => i.role === 'user').length);
    expect(chat.items[userIndex]!.text).to.equal(spoken.item.text);
    const { turn: latency } = (await turn).detail;
    expect(latency!.trigger).to.equal('speech');
    expect(latency!.ms).to.be.greaterThan(0);
    expect(activities).to.include.members(['user-speaking', 'thinking', 'assistant-speaking']);
    expect(activities.indexOf('user-speaking')).to.be.lessThan(activities.indexOf('assistant-speaking'));
    expect(await inboundAudioEnergy(resources.peers[0]!)).to.be.greaterThan(0);
    const report = await callReport(el.callId!);
    expect(report.heard.voicedMs).to.be.greaterThan(800);
    expect(report.heard.peak).to.be.greaterThan(0.05);
  });

  it('speaking over a reply interrupts it: the voice stops and the reply is marked interrupted, never growing again', async () => {
    await open();
    const interrupted = until(el, 'rvc-transcript', (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'interrupted');
    const cleared = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'output_audio_buffer.cleared');
    // A long reply: the microphone speaks again (every 8 s) while it is still being spoken.
    el.sendText(`Please read this back slowly: ${'the quick brown fox jumps over the lazy dog and '.repeat(6)}done.`);
    const { item } = (await interrupted).detail;
    await cleared;
    await el.updateComplete;
    const shown = chat.items.find((_, i) => el.conversation[i]?.id === item.id)!;
    expect(shown.status).to.equal('interrupted');
    expect(el.shadowRoot!.querySelector(`[data-id="${item.id}"] [part~="interrupted"]`)?.textContent).to.equal('(interrupted)');
    expect(item.text.length).to.be.lessThan(200);
    // Whatever still arrives for the cancelled reply, it keeps what had been spoken.
    await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'input_audio_buffer.committed');
    expect(el.conversation.find((i) => i.id === item.id)!.text).to.equal(item.text);
    const done = (await callReport(el.callId!)).received;
    expect(done).to.include('response.create');
    expect(activities).to.include('user-speaking');
  });

  it('push-to-talk with VAD off: Space held while speaking, released to send; nothing is heard before the press', async () => {
    await open({ turnDetection: 'none' });
    expect(chat.status).to.equal('Hold the button or Space to talk');
    expect(el.shadowRoot!.querySelector('[part~="talk-button"]')).to.exist;
    const before = await callReport(el.callId!);
    const reply = until(el, 'rvc-transcript', (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed');
    await sendKeys({ down: 'Space' });
    expect(el.shadowRoot!.querySelector('[part~="talk-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    // Hold while the visitor says one sentence: the input meter rises, then falls.
    await whenever(() => el.levels.input > 0.02);
    await whenever(() => el.levels.input < 0.002);
    await sendKeys({ up: 'Space' });
    const { item } = (await reply).detail;
    const heard = Number(/I heard you speak for (\d\.\d) seconds/.exec(item.text)?.[1]);
    expect(heard, item.text).to.be.greaterThan(0.3);
    const report = await callReport(el.callId!);
    expect(report.received).to.deep.equal(['session.update', 'input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create']);
    // With the microphone closed outside the press, the stand-in heard nothing before it.
    expect(before.heard.voicedMs).to.equal(0);
    const events = chat.el.conversation.map((i) => i.role);
    expect(events).to.deep.equal(['user', 'assistant']);
  });
});

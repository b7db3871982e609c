import { assert, expect, fixture, html } from '@open-wc/testing';
import '../support/fake-microphone.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { Activity } from '../../src/core/index.js';
import type { RealtimeVoiceChat, RvcMetricsEvent, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { inboundAudioEnergy, resources } from '../support/resources.js';
import { callReport, fakeMicRms, faultyBaseUrl, standInBaseUrl } from '../support/stand-in.js';

/** Resolves on the first animation frame where `predicate` holds (the meters' levels change without events). */
function whenever(predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (predicate() ? resolve() : requestAnimationFrame(check));
    check();
  });
}

// The visitor talks: the browser's fake microphone loops a synthesized sentence every 8 s, the stand-in hears it with
// its voice-activity detector and answers by voice. Real browser, real WebRTC or WebSocket, the real token handler.
for (const transport of ['webrtc', 'websocket'] as const)
  describe(`voice turns end to end (${transport})`, () => {
    let el: RealtimeVoiceChat;
    let chat: ChatHarness;
    /** The stand-in's id for the call: the WebRTC call's, or the WebSocket session's. */
    let callId: string;
    const activities: Activity[] = [];

    async function open(attributes: { turnDetection?: string; baseUrl?: string; idleTimeout?: number } = {}) {
      resources.reset();
      activities.length = 0;
      el = await fixture(
        html`<realtime-voice-chat token-endpoint="/token" base-url=${attributes.baseUrl ?? (await standInBaseUrl())} transport=${transport} lang="en" turn-detection=${attributes.turnDetection ?? 'server_vad'}></realtime-voice-chat>`,
      );
      if (attributes.idleTimeout) el.idleTimeout = attributes.idleTimeout;
      el.addEventListener('rvc-activity', (e) => activities.push(e.detail.activity));
      const created = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'session.created');
      chat = new ChatHarness(el);
      chat.clickStart();
      await chat.reach('live');
      callId = el.callId ?? ((await created).detail.event as unknown as { session: { id: string } }).session.id;
    }

    afterEach(() => el.stop());

    it('a spoken turn: user item (its late transcript above the reply), spoken reply, completed assistant item, turn latency', async () => {
      expect((await fakeMicRms()).turns, 'the fake microphone is loud').to.be.greaterThan(0.03);
      await open();
      const turn = until(el, 'rvc-metrics', (e: RvcMetricsEvent) => e.detail.turn !== undefined);
      const reply = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
      );
      const transcript = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'user' && e.detail.item.text.endsWith(']'),
      );
      const [{ detail: spoken }, { detail: answer }] = await Promise.all([transcript, reply]);
      await el.updateComplete;
      expect(spoken.item.text).to.match(/^\[stand-in heard [1-9]\.\d s of speech; it does not recognise words\]$/);
      expect(answer.item.text).to.match(/I heard you speak for [1-9]\.\d seconds/);
      // The transcript arrived after the reply had begun, and still sits above it, once.
      const ids = chat.items.map((i) => i.role);
      const userIndex = el.conversation.findIndex((i) => i.id === spoken.item.id);
      expect(el.conversation[userIndex + 1]?.id).to.equal(answer.item.id);
      expect(ids.filter((r) => r === 'user')).to.have.length(el.conversation.filter((i) => i.role === 'user').length);
      expect(chat.items[userIndex].text).to.equal(spoken.item.text);
      const { turn: latency } = (await turn).detail;
      expect(latency!.trigger).to.equal('speech');
      expect(latency!.ms).to.be.greaterThan(0);
      expect(activities).to.include.members(['user-speaking', 'thinking', 'assistant-speaking']);
      expect(activities.indexOf('user-speaking')).to.be.lessThan(activities.indexOf('assistant-speaking'));
      if (transport === 'webrtc') expect(await inboundAudioEnergy(resources.peers[0])).to.be.greaterThan(0);
      else expect(resources.peers, 'no peer connection over the WebSocket').to.have.length(0);
      const report = await callReport(callId);
      expect(report.heard.voicedMs).to.be.greaterThan(800);
      expect(report.heard.peak).to.be.greaterThan(0.05);
    });

    it('speaking over a reply interrupts it after min-interruption: the voice stops, the reply keeps only what was heard', async () => {
      await open();
      const streamed = new Map<string, string>();
      el.addEventListener(
        'rvc-transcript',
        (e) =>
          e.detail.item.role === 'assistant' &&
          e.detail.item.status === 'in_progress' &&
          streamed.set(e.detail.item.id, e.detail.item.text),
      );
      // The service truncates the reply whose voice was playing when the visitor spoke; the element asks for its copy.
      const truncated = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.truncated');
      const retrieved = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.retrieved');
      // Keep time with the microphone (a sentence every 8 s): once its sentence has been answered and the answer has
      // played, it stays quiet for seconds, so the long reply below is already playing when it speaks again.
      await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'input_audio_buffer.speech_stopped');
      await until(el, 'rvc-activity', (e) => e.detail.activity === 'assistant-speaking');
      await until(el, 'rvc-activity', (e) => e.detail.activity === 'listening');
      el.sendText(`Please read this back slowly: ${'the quick brown fox jumps over the lazy dog and '.repeat(6)}done.`);
      const cut = (await truncated).detail.event as unknown as { item_id: string; audio_end_ms: number };
      const copy = (
        (await retrieved).detail.event as unknown as { item: { id: string; content: { transcript: string }[] } }
      ).item;
      await el.updateComplete;
      // As on the service, the truncated copy has no transcript: only the element knows what was heard.
      expect([copy.id, cut.audio_end_ms > 0, copy.content[0].transcript]).to.deep.equal([cut.item_id, true, '']);
      const shown = el.conversation.find((i) => i.id === cut.item_id)!;
      const heard = shown.text;
      expect(shown.status).to.equal('interrupted');
      expect(heard.length, 'words were streamed and some were heard: never blank').to.be.greaterThan(0);
      expect(
        (streamed.get(cut.item_id) ?? '').startsWith(heard),
        'what was heard is the start of what was streamed',
      ).to.equal(true);
      expect(el.shadowRoot!.querySelector(`[data-id="${cut.item_id}"] [part~="interrupted"]`)?.textContent).to.equal(
        '(interrupted)',
      );
      // Whatever still arrives for the cancelled reply, it keeps what was heard.
      await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'input_audio_buffer.committed');
      expect(el.conversation.find((i) => i.id === cut.item_id)!.text).to.equal(heard);
      const { received, cutsWhileSpeaking } = await callReport(callId);
      expect(received).to.include('conversation.item.retrieve');
      // The element cut the reply once the visitor had spoken for min-interruption (0.5 s), not at their first sound:
      // measured by the stand-in in microphone audio, from when its turn detection heard them start.
      expect(cutsWhileSpeaking).to.have.length(1);
      expect(cutsWhileSpeaking[0]).to.be.within(500 - 100, 500 + 300);
      // Over a WebSocket the page plays the voice, so the page cut it: with the milliseconds it played.
      if (transport === 'websocket') expect(received).to.include('conversation.item.truncate');
      expect(activities).to.include('user-speaking');
    });

    it('speech that cannot be transcribed shows as a voice message “not transcribed”, with a recoverable transcription_failed', async () => {
      const errors: string[] = [];
      await open({ baseUrl: await faultyBaseUrl('transcription-failed') });
      el.addEventListener('rvc-error', (e) => errors.push(`${e.detail.code}:${e.detail.recoverable}`));
      const failed = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'user' && e.detail.item.status === 'failed',
      );
      const { item } = (await failed).detail;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector(`[data-id="${item.id}"] [part~="placeholder"]`)!.textContent).to.equal(
        'Voice message (not transcribed)',
      );
      expect(errors).to.include('transcription_failed:true');
      expect(el.state).to.equal('live');
    });

    it('the idle timeout (idle-timeout, seconds) makes the model speak again after silence, with no empty voice message for the silence', async () => {
      await open({ idleTimeout: 1 });
      const timeout = until(
        el,
        'rvc-server-event',
        (e) => e.detail.event.type === 'input_audio_buffer.timeout_triggered',
      );
      const { event } = (await timeout).detail;
      const silentId = (event as unknown as { item_id: string }).item_id;
      // The reply the timeout prompted: after the silent item.
      await until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) =>
          e.detail.item.role === 'assistant' &&
          e.detail.item.status === 'completed' &&
          !el.conversation.some((i) => i.id === silentId),
      );
      await el.updateComplete;
      expect(el.conversation.some((i) => i.id === silentId)).to.equal(false);
      expect(el.shadowRoot!.querySelector(`[data-id="${silentId}"]`)).to.equal(null);
    });

    it('push-to-talk with VAD off: Space held while speaking, released to send; nothing is heard before the press', async () => {
      await open({ turnDetection: 'none' });
      expect(chat.status).to.equal('Hold the button or Space to talk');
      assert.exists(el.shadowRoot!.querySelector('[part~="talk-button"]'));
      const before = await callReport(callId);
      const reply = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
      );
      await sendKeys({ down: ' ' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="talk-button"]')!.getAttribute('aria-pressed')).to.equal('true');
      // Hold while the visitor says one sentence: the input meter rises, then falls.
      await whenever(() => el.levels.input > 0.02);
      await whenever(() => el.levels.input < 0.002);
      await sendKeys({ up: ' ' });
      const { item } = (await reply).detail;
      const heard = Number(/I heard you speak for (\d\.\d) seconds/.exec(item.text)?.[1]);
      expect(heard, item.text).to.be.greaterThan(0.3);
      const report = await callReport(callId);
      expect(report.received).to.deep.equal([
        'session.update',
        'input_audio_buffer.clear',
        'input_audio_buffer.commit',
        'response.create',
      ]);
      // With the microphone closed outside the press, the stand-in heard nothing before it.
      expect(before.heard.voicedMs).to.equal(0);
      const events = chat.el.conversation.map((i) => i.role);
      expect(events).to.deep.equal(['user', 'assistant']);
    });
  });

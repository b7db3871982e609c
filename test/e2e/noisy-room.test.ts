import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { callReport, standInBaseUrl } from '../support/stand-in.js';

// A noisy room: this browser's microphone is Chromium's own fake device, a 0.1 s beep every second, which the
// stand-in's voice-activity detector takes for speech as the service's would. The beeps must not cut the answer.
for (const transport of ['webrtc', 'websocket'] as const)
  describe(`a noisy room (${transport})`, () => {
    let el: RealtimeVoiceChat;

    afterEach(() => el.stop());

    it('beeps over a typed question’s answer are false starts: the answer plays to the end, the noise leaves no trace', async () => {
      el = await fixture(
        html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} transport=${transport} lang="en" muted></realtime-voice-chat>`,
      );
      const created = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'session.created');
      const chat = new ChatHarness(el);
      chat.clickStart();
      await chat.reach('live');
      const callId = el.callId ?? ((await created).detail.event as unknown as { session: { id: string } }).session.id;
      const answer = until(
        el,
        'rvc-transcript',
        (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status !== 'in_progress',
      );
      el.sendText(`Please read this back: ${'one two three four five six seven eight nine ten '.repeat(2)}done.`);
      // The room is heard once the answer plays: every beep from now on lands over it.
      await until(el, 'rvc-activity', (e) => e.detail.activity === 'assistant-speaking');
      el.muted = false;
      const { item } = (await answer).detail;
      el.muted = true;
      const report = await callReport(callId);
      expect(item.status, 'the answer was not cut').to.equal('completed');
      expect(item.text).to.match(/ten done\.?$/);
      expect(report.cutsWhileSpeaking, 'no reply was stopped').to.deep.equal([]);
      expect(report.received).to.not.include('response.cancel');
      // Beeps were heard over the answer (the detector took them for speech), and each leaves the conversation.
      expect(
        report.received.filter((type) => type === 'conversation.item.delete').length,
        'false starts over the answer',
      ).to.be.greaterThan(2);
      const typed = () => el.conversation.filter((i) => i.role === 'user');
      while (typed().length > 1)
        await until(el, 'rvc-server-event', (e) => e.detail.event.type === 'conversation.item.deleted');
      expect(typed().map((i) => i.text)).to.deep.equal([
        `Please read this back: ${'one two three four five six seven eight nine ten '.repeat(2)}done.`,
      ]);
    });
  });

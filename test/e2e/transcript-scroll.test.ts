import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcServerEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { standInBaseUrl } from '../support/stand-in.js';

// A long reply streamed by the stand-in (its `stand_in_deltas` plan), fast.
const longReply = {
  type: 'response.create',
  response: { metadata: { stand_in_deltas: '600', stand_in_rate: '3000' } },
} as const;

describe('the transcript follows the conversation', () => {
  it('keeps a streaming reply in view to its end, and stays put once the visitor scrolls up to read', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} output-modalities="text" muted lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const box = chat.transcript;
    const fromEnd = () => box.scrollHeight - box.scrollTop - box.clientHeight;
    const reply = async () => {
      const done = until(el, 'rvc-server-event', (e: RvcServerEvent) => e.detail.event.type === 'response.done');
      el.send(longReply);
      await done;
      await el.updateComplete;
      // The transcript follows after layout (a ResizeObserver callback): the frame after the update has it.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    };
    try {
      chat.clickStart();
      await chat.reach('live');
      await reply();
      expect(box.scrollHeight, 'the reply overflows the transcript').to.be.greaterThan(box.clientHeight * 2);
      expect(fromEnd()).to.be.below(2);

      box.scrollTop = 0;
      await new Promise((resolve) => box.addEventListener('scroll', resolve, { once: true }));
      await reply();
      expect(box.scrollTop, 'still where the visitor was reading').to.equal(0);
      expect(fromEnd()).to.be.greaterThan(box.clientHeight);
    } finally {
      el.stop();
    }
  });
});

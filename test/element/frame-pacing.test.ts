import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { framePacer } from '../../src/element/frame-pacer.js';
import type { RealtimeVoiceChat } from '../../src/element/realtime-voice-chat.js';

/** Frames `every` ms apart on a clock of the test's own (a busy machine's frames cannot be produced on demand). */
function frames(every: number) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back as is, never called from here
  const real = window.requestAnimationFrame;
  let now = 1000;
  window.requestAnimationFrame = (callback) => setTimeout(() => callback((now += every))) as unknown as number;
  return { now: () => now, skip: (ms: number) => (now += ms), restore: () => (window.requestAnimationFrame = real) };
}

/** The frame times at which `count` back-to-back renders happen. */
async function renders(next: () => Promise<void>, clock: { now: () => number }, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await next();
    times.push(clock.now());
  }
  return times;
}

describe('render pacing', () => {
  it('renders back-to-back updates (a reply streaming) every third frame at 60 Hz: 20 renders a second, not 60', async () => {
    const clock = frames(1000 / 60);
    try {
      const times = await renders(framePacer({}), clock, 10);
      const gaps = times.slice(1).map((t, i) => Math.round(t - times[i]));
      expect(gaps).to.deep.equal(Array(9).fill(50));
    } finally {
      clock.restore();
    }
  });

  it('renders every frame when frames are already that far apart (a busy machine), and at once after a pause', async () => {
    const clock = frames(60);
    try {
      const next = framePacer({});
      const busy = await renders(next, clock, 4);
      expect(busy.slice(1).map((t, i) => t - busy[i])).to.deep.equal([60, 60, 60]);
      clock.restore();
      const fast = frames(1000 / 60);
      fast.skip(5000);
      const before = fast.now();
      await next();
      expect(Math.round(fast.now() - before), 'a click after a pause waits for one frame only').to.equal(17);
      fast.restore();
    } finally {
      clock.restore();
    }
  });

  it('the element renders an update after a pause in the next frame', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token"></realtime-voice-chat>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    let frames = 0;
    let atRender: number | undefined;
    el.addController({ hostUpdated: () => (atRender ??= frames) });
    const count = () => {
      if (atRender !== undefined) return;
      frames++;
      requestAnimationFrame(count);
    };
    el.requestUpdate();
    requestAnimationFrame(count);
    await el.updateComplete;
    // This test's callback was asked for first, so it runs first in the element's frame: 1 frame, not 3.
    expect(atRender).to.equal(1);
  });

  it('a property set while a reply streams (Mute) renders in the next frame: only bare requests are paced', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token"></realtime-voice-chat>`,
    );
    // Just rendered, and a stream asks again at once: that update is paced to a few frames from now.
    el.requestUpdate();
    await el.updateComplete;
    el.requestUpdate();
    let frames = 0;
    let atRender: number | undefined;
    el.addController({ hostUpdated: () => el.hasAttribute('muted') && (atRender ??= frames) });
    const count = () => {
      if (atRender !== undefined) return;
      frames++;
      requestAnimationFrame(count);
    };
    el.muted = true;
    requestAnimationFrame(count);
    await el.updateComplete;
    expect(atRender, 'frames before Mute showed').to.be.at.most(1);
  });
});

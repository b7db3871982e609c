import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcActivityEvent } from '../../src/index.js';
import { until } from '../support/harness.js';
import { runHeights, seenPixels } from '../support/pixels.js';
import { standInBaseUrl } from '../support/stand-in.js';

describe('the state visualizer and reduced motion', () => {
  let el: RealtimeVoiceChat;
  const bars = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="visualizer"]')!;
  afterEach(async () => {
    el?.stop();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('honours reduced motion: no keyframe animation while connecting', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} muted lang="en"></realtime-voice-chat>`,
    );
    void el.start();
    await el.updateComplete;
    expect(bars().dataset.activity).to.equal('connecting');
    expect(getComputedStyle(bars().querySelector('i')!).animationName).to.equal('none');
    await emulateMedia({ reducedMotion: 'no-preference' });
    await el.updateComplete;
    expect(getComputedStyle(bars().querySelector('i')!).animationName).to.equal('breathe');
  });

  it('honours reduced motion on the painted bars too: they keep their height while the voice plays', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} muted lang="en"></realtime-voice-chat>`,
    );
    await el.start();
    let speaking = true;
    const spoke = until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.previous === 'assistant-speaking');
    void spoke.then(() => (speaking = false));
    el.sendText('Say something');
    await until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.activity === 'assistant-speaking');
    const heights: number[] = [];
    while (speaking) {
      if (bars().querySelector('canvas:not([hidden])')) heights.push(runHeights(await seenPixels(bars()), [0.5])[0]);
      else await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    expect(heights.length, 'the worker painted the bars').to.be.greaterThan(3);
    expect(Math.max(...heights) - Math.min(...heights), `heights ${[...new Set(heights)].join(', ')}`).to.be.at.most(1);
  });
});

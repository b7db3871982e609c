import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcActivityEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { runHeights, seenPixels } from '../support/pixels.js';
import { resources } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// What the visitor sees of the visualizer (screenshots: a worker's canvas is not readable from the page), in Chromium
// and Firefox: the bars follow the voice, painted by a worker where OffscreenCanvas exists, by the stylesheet if not.
describe('the state visualizer', () => {
  let el: RealtimeVoiceChat;
  const bars = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="visualizer"]')!;
  afterEach(() => el?.stop());

  /** Starts a call, has the model speak, and returns what the bars did meanwhile; the call is stopped after. */
  async function speak() {
    el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} muted lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    expect(bars().dataset.activity).to.equal('idle');
    expect(bars().getAttribute('aria-hidden'), 'the status line says it in words').to.equal('true');
    const seen = new Set<string>();
    const levels: number[] = [];
    const watch = new MutationObserver(() => {
      seen.add(bars().dataset.activity!);
      if (bars().dataset.activity === 'assistant-speaking')
        levels.push(Number(bars().style.getPropertyValue('--level')));
    });
    watch.observe(el.shadowRoot!, { subtree: true, attributes: true, attributeFilter: ['data-activity', 'style'] });
    chat.clickStart();
    await chat.reach('live');
    // The microphone is muted: while listening, the bars rest at their lowest.
    let quiet = 0;
    for (let tries = 0; quiet <= 2 && tries < 50; tries++) [quiet] = runHeights(await seenPixels(bars()), [0.5]);
    const statusChanges: string[] = [];
    const status = new MutationObserver(() => statusChanges.push(chat.status));
    status.observe(el.shadowRoot!.querySelector('[part~="status"]')!, {
      subtree: true,
      characterData: true,
      childList: true,
    });
    const activities: string[] = [];
    el.addEventListener('rvc-activity', (e: RvcActivityEvent) => activities.push(e.detail.activity));
    let speaking = true;
    const spoke = until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.previous === 'assistant-speaking').then(
      () => (speaking = false),
    );
    el.sendText('Say something');
    await until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.activity === 'assistant-speaking');
    const heights: number[] = [];
    while (speaking) heights.push(runHeights(await seenPixels(bars()), [0.5])[0]);
    await spoke;
    await el.updateComplete;
    watch.disconnect();
    status.disconnect();
    for (const shown of ['connecting', 'listening', 'thinking', 'assistant-speaking'])
      expect([...seen], shown).to.include(shown);
    // The live region speaks once per change of activity, however often the levels move.
    expect(statusChanges.length).to.be.at.most(activities.length);
    const painted = !!bars().querySelector('canvas');
    el.stop();
    await el.updateComplete;
    expect(bars().dataset.activity).to.equal('idle');
    return { quiet, heights, levels, painted };
  }

  it('shows idle, connecting, listening, thinking and the assistant speaking, moving with the voice heard', async () => {
    const { quiet, heights, painted } = await speak();
    expect(quiet, 'the bars are drawn while listening').to.be.greaterThan(2);
    expect(
      Math.max(...heights),
      `the bars rose with the voice (at most ${Math.max(...heights)} rows; quiet ${quiet})`,
    ).to.be.greaterThan(quiet * 1.6);
    expect(painted, 'a worker painted them (OffscreenCanvas)').to.equal(typeof OffscreenCanvas !== 'undefined');
    expect(bars().querySelector('canvas'), 'after Stop, the worker and its canvas are gone').to.equal(null);
    expect(bars().querySelector('i')!.hidden, 'the stylesheet’s bars are back').to.equal(false);
    for (let tries = 0; resources.openAudioContexts().length && tries < 50; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resources.liveWorkers(), 'no worker left').to.have.length(0);
    expect(resources.openAudioContexts(), 'no audio context (and so no worklet) left').to.have.length(0);
  });

  it('without OffscreenCanvas, moves the stylesheet’s bars by --level on the page', async () => {
    const transfer = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'transferControlToOffscreen');
    // @ts-expect-error -- a browser without it, for this test
    delete HTMLCanvasElement.prototype.transferControlToOffscreen;
    try {
      const { quiet, heights, levels, painted } = await speak();
      expect(painted).to.equal(false);
      expect(Math.max(...levels), 'the bars rose with the voice').to.be.greaterThan(0.05);
      expect(
        Math.max(...heights),
        `they look taller (at most ${Math.max(...heights)} rows; quiet ${quiet})`,
      ).to.be.greaterThan(quiet * 1.6);
    } finally {
      if (transfer) Object.defineProperty(HTMLCanvasElement.prototype, 'transferControlToOffscreen', transfer);
    }
  });
});

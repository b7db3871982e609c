import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcActivityEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { standInBaseUrl } from '../support/stand-in.js';

describe('the state visualizer', () => {
  let el: RealtimeVoiceChat;
  const bars = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="visualizer"]')!;
  afterEach(async () => {
    el?.stop();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('shows idle, connecting, listening, thinking and the assistant speaking, moving with the voice heard', async () => {
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
    const statusChanges: string[] = [];
    const status = new MutationObserver(() => statusChanges.push(chat.status));
    status.observe(el.shadowRoot!.querySelector('[part~="status"]')!, {
      subtree: true,
      characterData: true,
      childList: true,
    });
    const activities: string[] = [];
    el.addEventListener('rvc-activity', (e: RvcActivityEvent) => activities.push(e.detail.activity));
    const spoke = until(el, 'rvc-activity', (e: RvcActivityEvent) => e.detail.previous === 'assistant-speaking');
    el.sendText('Say something');
    await spoke;
    await el.updateComplete;
    watch.disconnect();
    status.disconnect();
    for (const shown of ['connecting', 'listening', 'thinking', 'assistant-speaking'])
      expect([...seen], shown).to.include(shown);
    expect(Math.max(...levels), 'the bars rose with the voice').to.be.greaterThan(0.05);
    // The live region speaks once per change of activity, however often the levels move.
    expect(statusChanges.length).to.be.at.most(activities.length);
    el.stop();
    await el.updateComplete;
    expect(bars().dataset.activity).to.equal('idle');
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
});

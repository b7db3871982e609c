import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat, RvcTranscriptEvent } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { resources } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// With layout="floating" and the panel closed, a visitor sees only the corner button: a reply's words must not
// re-render the hidden transcript, and opening the panel must still show everything said meanwhile.
describe('the floating layout with its panel closed', () => {
  let el: RealtimeVoiceChat;

  afterEach(() => el?.stop());

  it('renders for the launcher only (state, activity), not per word of a reply; opened, it shows the whole conversation', async () => {
    resources.reset();
    el = await fixture(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} lang="en" layout="floating" muted></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    void el.start();
    await chat.reach('live');
    await el.updateComplete;
    let renders = 0;
    let launcherChanges = 0;
    let words = 0;
    el.addController({ hostUpdated: () => renders++ });
    for (const type of ['rvc-activity', 'rvc-metrics', 'rvc-usage', 'rvc-state'])
      el.addEventListener(type, () => launcherChanges++);
    el.addEventListener('rvc-transcript', (e) => e.detail.item.role === 'assistant' && words++);
    const done = until(
      el,
      'rvc-transcript',
      (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
    );
    el.sendText('Hello from a closed panel');
    const { item } = (await done).detail;
    await el.updateComplete;
    expect(words, 'the reply streamed').to.be.greaterThan(launcherChanges + 3);
    expect(renders, 'renders while closed').to.be.at.most(launcherChanges);
    el.open = true;
    await el.updateComplete;
    expect(chat.items.map((i) => i.role)).to.deep.equal(['user', 'assistant']);
    expect(chat.items[1].text).to.contain(item.text.slice(0, 40));
  });
});

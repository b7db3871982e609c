import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { LANGUAGES } from '../../src/element/i18n/strings.js';
import { ChatHarness } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// Run in Chromium, Firefox and WebKit (their configs list this file): mirroring is layout, and each engine does its own.
const part = (el: RealtimeVoiceChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const box = (el: RealtimeVoiceChat, name: string) => part(el, name).getBoundingClientRect();
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Waits until the element shows its language's strings (the chunk loads on first use; English shows meanwhile). */
async function shownIn(el: RealtimeVoiceChat, code: string): Promise<void> {
  for (let n = 0; n < 300 && part(el, 'start-button').textContent !== LANGUAGES[code]?.start; n++) await frame();
  expect(part(el, 'start-button').textContent).to.equal(LANGUAGES[code]?.start);
}

describe('right to left: an Arabic panel mirrors, a message keeps its own direction', () => {
  let el: RealtimeVoiceChat | undefined;
  afterEach(async () => {
    el?.stop();
    el = undefined;
    await nothingLeftRunning();
  });

  it('Arabic on a page that sets no direction: launcher, panel, Start, composer and bubbles on the mirrored side', async () => {
    el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} transport="websocket" output-modalities="text" muted lang="ar" layout="floating" open></realtime-voice-chat>`,
    );
    await shownIn(el, 'ar');
    expect(getComputedStyle(part(el, 'panel')).direction).to.equal('rtl');
    // The floating corner is the bottom left; the panel stands over it.
    const width = document.documentElement.clientWidth;
    expect(box(el, 'launcher').left).to.be.closeTo(16, 1);
    expect(box(el, 'panel').left).to.be.closeTo(16, 1);
    expect(box(el, 'panel').right).to.be.below(width - 16);
    // The header reads from the right: the status first, Start at the far (left) end.
    expect(box(el, 'start-button').right).to.be.at.most(box(el, 'status').left + 1);
    // The composer too: the text box on the right, Send to its left.
    expect(box(el, 'send-button').right).to.be.at.most(box(el, 'input').left + 1);

    const chat = new ChatHarness(el);
    chat.clickStart();
    await chat.reach('live');
    const reply = chat.completedReply();
    await chat.type('Hello, is the 10:40 train to Aswan on time? شكرا');
    await reply;
    await el.updateComplete;
    // The visitor's bubble hugs the left (the end of a right-to-left line); the reply spans the width.
    const transcript = box(el, 'transcript');
    const mine = box(el, 'item-user');
    expect(mine.left - transcript.left).to.be.below(2);
    expect(transcript.right - mine.right).to.be.above(20);
    // An English message in an Arabic panel reads left to right (dir="auto"): the punctuation stays where it belongs.
    const text = el.shadowRoot!.querySelector<HTMLElement>('[part~="item-user"] [part~="text"]')!;
    expect(getComputedStyle(text).direction).to.equal('ltr');
    await expect(el).to.be.accessible();
  });

  it('the nearer of lang and dir decides: an explicit dir beside lang="ar" holds; lang="en" inside an rtl page is ltr', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><div lang="ar" dir="ltr"><realtime-voice-chat></realtime-voice-chat></div><div dir="rtl" lang="ar"><realtime-voice-chat lang="en"></realtime-voice-chat></div></div>`,
    );
    const [pageSaysLtr, english] = [...page.querySelectorAll<RealtimeVoiceChat>('realtime-voice-chat')];
    await Promise.all([pageSaysLtr.updateComplete, english.updateComplete]);
    await shownIn(pageSaysLtr, 'ar');
    expect(part(pageSaysLtr, 'panel').hasAttribute('dir')).to.equal(false);
    expect(getComputedStyle(part(pageSaysLtr, 'panel')).direction).to.equal('ltr');
    expect(getComputedStyle(part(english, 'panel')).direction).to.equal('ltr');
  });
});

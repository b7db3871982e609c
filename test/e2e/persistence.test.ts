import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { RealtimeVoiceChat, RvcTranscriptEvent } from '../../src/index.js';
import { openFrame } from '../support/frames.js';
import { ChatHarness, until } from '../support/harness.js';
import { callReport, standInBaseUrl } from '../support/stand-in.js';

// The pages of a shop (test/pages/persist.html, the one-file build) in frames of this tab: real navigations, this
// tab's sessionStorage, the site's localStorage and BroadcastChannel.
const KEY = 'realtime-voice-chat:/token';
const frames: HTMLIFrameElement[] = [];

async function page(persist: 'tab' | 'site'): Promise<HTMLIFrameElement> {
  const base = encodeURIComponent(await standInBaseUrl());
  const frame = await openFrame(`/test/pages/persist.html?persist=${persist}&base=${base}`, 'microphone');
  frames.push(frame);
  return frame;
}

/** The chat in `frame` once its code and (when something was kept) the kept conversation are in. */
async function chatIn(frame: HTMLIFrameElement, shown = 0): Promise<{ el: RealtimeVoiceChat; chat: ChatHarness }> {
  await frame.contentWindow!.customElements.whenDefined('realtime-voice-chat');
  const el = frame.contentDocument!.querySelector('realtime-voice-chat') as RealtimeVoiceChat;
  await el.updateComplete;
  const chat = new ChatHarness(el);
  for (let n = 0; n < 200 && chat.items.length < shown; n++) await new Promise((resolve) => setTimeout(resolve, 10));
  return { el, chat };
}

/** Follows the page's link, as the visitor clicks it: the frame navigates, and the chat on the next page is returned. */
async function nextPage(frame: HTMLIFrameElement, shown: number) {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentDocument!.querySelector<HTMLAnchorElement>('#next')!.click();
  await loaded;
  return chatIn(frame, shown);
}

async function ask(el: RealtimeVoiceChat, chat: ChatHarness, text: string): Promise<void> {
  const reply = until(
    el,
    'rvc-transcript',
    (e: RvcTranscriptEvent) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
  );
  await chat.type(text);
  await reply;
  await el.updateComplete;
}

const dividers = (el: RealtimeVoiceChat) =>
  [...el.shadowRoot!.querySelectorAll('[part~="divider"]')].map((d) => d.textContent.trim());

describe('a conversation that follows the visitor from page to page (persist)', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) {
      (frame.contentDocument?.querySelector('realtime-voice-chat') as RealtimeVoiceChat | null)?.stop();
      frame.remove();
    }
    localStorage.clear();
    sessionStorage.clear();
  });

  it('tab: kept across a real navigation, shown under "earlier", carried into the next call; End forgets it', async () => {
    const frame = await page('tab');
    let { el, chat } = await chatIn(frame);
    chat.clickStart();
    await chat.reach('live');
    await ask(el, chat, 'Do you ship to Lisbon? My key is sk-proj-abcdefghijklmnopqrstuvwx1234');

    ({ el, chat } = await nextPage(frame, 2));
    expect(chat.items.map((i) => i.role)).to.deep.equal(['user', 'assistant']);
    expect(chat.items[0].text).to.include('Do you ship to Lisbon?');
    expect(chat.items[0].text, 'keys are never kept').to.not.include('abcdefghijklmnop');
    expect(dividers(el)).to.deep.equal(['Earlier in this conversation']);

    // Start carries it on: the new call is seeded with both messages, and what follows joins them.
    const created = until(el, 'rvc-server-event', (e) => e.detail.event.type === 'session.created');
    chat.clickStart();
    await chat.reach('live');
    await ask(el, chat, 'And how long does it take?');
    // A WebSocket call is known to the stand-in by its session's id.
    const { session } = (await created).detail.event as unknown as { session: { id: string } };
    const { received, items } = await callReport(session.id);
    const beforeReply = received.slice(0, received.indexOf('response.create'));
    expect(beforeReply.filter((type) => type === 'conversation.item.create')).to.have.length(3);
    expect(items, 'the model holds the earlier messages and the new turn').to.equal(4);
    expect(dividers(el)).to.deep.equal(['Earlier in this conversation']);
    expect(chat.items.map((i) => i.role)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);

    // End forgets it: the next page starts empty.
    chat.clickStop();
    ({ el, chat } = await nextPage(frame, 0));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chat.items).to.deep.equal([]);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  it('site: two tabs share it; the newest to go live owns the call, the other ends its own and says why', async () => {
    const first = await page('site');
    const a = await chatIn(first);
    a.chat.clickStart();
    await a.chat.reach('live');
    await ask(a.el, a.chat, 'Is the blue kettle in stock?');
    while (!localStorage.getItem(KEY)) await new Promise((resolve) => setTimeout(resolve, 50));

    const second = await page('site');
    const b = await chatIn(second, 2);
    expect(b.chat.items.map((i) => i.text)[0]).to.include('blue kettle');
    const told = until(a.el, 'rvc-error', () => true);
    b.chat.clickStart();
    await b.chat.reach('live');
    const { detail } = await told;
    expect([detail.code, detail.recoverable, a.el.state]).to.deep.equal(['taken_over', true, 'ended']);
    await a.el.updateComplete;
    expect(a.el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.include('continues in another tab');

    // Only the owner writes: what the second tab adds is what the site keeps, whole.
    await ask(b.el, b.chat, 'Then I will take two.');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const kept = JSON.parse(localStorage.getItem(KEY)!) as { items: { role: string; text: string }[] };
    expect(kept.items.map((i) => i.role)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
    expect(kept.items[2].text).to.equal('Then I will take two.');
    b.chat.clickStop();
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('storage full: the conversation goes on, nothing is kept, the event log says so and the visitor sees no error', async () => {
    // Fill this origin's localStorage to the last byte of its quota, as other scripts of a site can.
    let n = 0;
    for (let size = 512 * 1024; size >= 1; size = Math.floor(size / 2))
      for (;;) {
        try {
          localStorage.setItem(`filler-${n++}`, 'x'.repeat(size));
        } catch {
          break;
        }
      }
    const frame = await page('site');
    const { el, chat } = await chatIn(frame);
    const errors: string[] = [];
    el.addEventListener('rvc-error', (e) => errors.push(e.detail.code));
    chat.clickStart();
    await chat.reach('live');
    await ask(el, chat, 'Hello?');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(errors).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    expect(await chat.readLog()).to.include('conversation not kept: storage full or refused (QuotaExceededError)');
  });

  it('storage refused (a sandboxed frame has none): the chat works as without persist, the event log says why', async () => {
    const src = `/test/pages/persist.html?persist=site&build=classic&base=${encodeURIComponent(await standInBaseUrl())}`;
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts');
    frame.src = src;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    frames.push(frame);
    await loaded;
    // The frame's origin is opaque: the test reads it through the browser, as a visitor's page would show it.
    const seen = await executeServerCommand<
      { log: string; error: boolean; start: string },
      { url: string; script: string }
    >('in-frame', {
      url: new URL(src, location.href).href,
      script: `(async () => {
        await customElements.whenDefined('realtime-voice-chat');
        const el = document.querySelector('realtime-voice-chat');
        const log = () => el.shadowRoot.querySelector('[part="log"]');
        for (let n = 0; n < 200 && !log()?.textContent.includes('storage'); n++) {
          if (log() && !log().open) log().open = true;
          await el.updateComplete;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return {
          log: log().textContent,
          error: !!el.shadowRoot.querySelector('[part~="error"]'),
          start: el.shadowRoot.querySelector('[part~="start-button"]').textContent,
        };
      })()`,
    });
    expect(seen.log).to.include('conversation not kept: storage refused (SecurityError)');
    expect([seen.error, seen.start]).to.deep.equal([false, 'Start conversation']);
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { MAX_ITEM_TEXT, type RealtimeVoiceChat } from '../../src/index.js';
import { ChatHarness, until } from '../support/harness.js';
import { nothingLeftRunning } from '../support/resources.js';
import { standInBaseUrl } from '../support/stand-in.js';

// What counts as a long task: the browser reports tasks over 50 ms.
const LONG_TASK_MS = 50;

/** Long tasks on the page while `work` runs and the two frames after it (the render and its layout). */
async function longTasksDuring(work: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries().map((entry) => entry.duration)));
  observer.observe({ type: 'longtask' });
  try {
    await work();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // Entries are delivered after their task: a task that just ended is reported on the next turn.
    await new Promise((resolve) => setTimeout(resolve));
    seen.push(...observer.takeRecords().map((entry) => entry.duration));
  } finally {
    observer.disconnect();
  }
  return seen.filter((ms) => ms > LONG_TASK_MS);
}

// Hostile text the old code took seconds on: an item of 40,000 backslashes (the key redaction read the run once per
// backslash) and 32,000 characters of `.http://%` (the autolinker read the rest of the text once per `h`). Each goes
// out as an assistant item the page creates and comes back from the stand-in as the service's echo of it, so it
// takes every real path: the client event redacted for the log, the server message redacted raw and parsed, the
// conversation model, and the transcript's Markdown.
describe('hostile text through the element: no long task', () => {
  const HOSTILE: Record<string, string> = {
    '40,000 backslashes': '\\'.repeat(40_000),
    '32,000 characters of .http://%': '.http://%'.repeat(3556).slice(0, 32_000),
  };

  it('an assistant item of each is redacted, parsed and shown with no task over 50 ms', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat
        token-endpoint="/token"
        base-url=${await standInBaseUrl()}
        transport="websocket"
        output-modalities="text"
        muted
        lang="en"
      ></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    try {
      chat.clickStart();
      await chat.reach('live');
      for (const [name, text] of Object.entries(HOSTILE)) {
        // A quadratic path blocks every time; a GC pause or a busy CI core only now and then, so three tries.
        let id = '';
        let long: number[] = [];
        for (let attempt = 0; attempt < 3 && (attempt === 0 || long.length > 0); attempt++) {
          id = `item_${name.length}${text.length}x${attempt}`;
          long = await longTasksDuring(async () => {
            const shown = until(
              el,
              'rvc-server-event',
              (e) =>
                e.detail.event.type === 'conversation.item.done' && (e.detail.event.item as { id?: string }).id === id,
            );
            el.send({
              type: 'conversation.item.create',
              item: { id, type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
            });
            await shown;
            await el.updateComplete;
          });
        }
        expect(long, name).to.deep.equal([]);
        const item = el.conversation.find((i) => i.id === id)!;
        expect(item.text.length, name).to.equal(Math.min(text.length, MAX_ITEM_TEXT));
        // Its characters all reached the transcript, and none became a link.
        const li = el.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${id}"]`)!;
        expect(li.querySelector('[part~="text"]')!.textContent.length, name).to.equal(item.text.length);
        expect(li.querySelectorAll('a').length, name).to.equal(0);
      }
    } finally {
      el.stop();
    }
    await nothingLeftRunning();
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { RealtimeVoiceChat } from '../../src/index.js';
import { RichTextView } from '../../src/element/chunks/rich-text/rich-text.js';
import { ChatHarness, until } from '../support/harness.js';
import { standInBaseUrl } from '../support/stand-in.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** Where each line of a box's text starts: offsets into its text, read from the browser's own line boxes. */
function lineStarts(box: Element): number[] {
  const starts: number[] = [];
  let offset = 0;
  let lastTop = -Infinity;
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (rect.height && rect.top > lastTop + 2) {
        starts.push(offset + i);
        lastTop = rect.top;
      }
    }
    offset += node.data.length;
  }
  return starts;
}

describe('rich text in the model’s replies', () => {
  it('shows Markdown as elements (bold, italic, code, lists, safe links); the visitor’s own words stay plain', async () => {
    const el = await fixture<RealtimeVoiceChat>(
      html`<realtime-voice-chat token-endpoint="/token" base-url=${await standInBaseUrl()} output-modalities="text" muted lang="en"></realtime-voice-chat>`,
    );
    const chat = new ChatHarness(el);
    const typed =
      '**bold** and _it_ and `x < y`\n\n- one\n- two\n\n[safe](https://example.com/a) [bad](javascript:alert(1)) <img src=x onerror="alert(1)">';
    try {
      chat.clickStart();
      await chat.reach('live');
      const replied = until(
        el,
        'rvc-transcript',
        (e) => e.detail.item.role === 'assistant' && e.detail.item.status === 'completed',
      );
      el.sendText(typed);
      await replied;
      await el.updateComplete;
      const root = el.shadowRoot!;
      const reply = root.querySelector('[part~="item-assistant"] [part~="text"]')!;
      expect(reply.querySelector('strong')?.textContent).to.equal('bold');
      expect(reply.querySelector('em')?.textContent).to.equal('it');
      expect(reply.querySelector('code')?.textContent).to.equal('x < y');
      expect([...reply.querySelectorAll('ul > li')].map((li) => li.textContent)).to.deep.equal(['one', 'two']);
      const links = [...reply.querySelectorAll('a')];
      expect(links.map((a) => [a.getAttribute('href'), a.rel, a.target])).to.deep.equal([
        ['https://example.com/a', 'noopener noreferrer', '_blank'],
      ]);
      expect(reply.textContent).to.contain('bad').and.contain('<img src=x');
      expect(root.querySelector('img'), 'markup in the text stays text').to.equal(null);
      // The conversation keeps the model's words as they came.
      expect(el.conversation.at(-1)!.text).to.contain('**bold**');

      const mine = root.querySelector('[part~="item-user"] [part~="text"]')!;
      expect(mine.querySelector('strong, a, ul')).to.equal(null);
      expect(mine.textContent).to.equal(typed);

      // `link-target` sets where links open.
      el.linkTarget = '_self';
      await el.updateComplete;
      expect(root.querySelector<HTMLAnchorElement>('[part~="item-assistant"] a')!.target).to.equal('_self');
    } finally {
      el.stop();
    }
  });

  it('a streaming paragraph freezes its lines where the browser broke them: no line moves, then it is one paragraph again', async () => {
    const box = document.createElement('div');
    box.style.cssText = 'width: 320px; white-space: pre-line; font: 16px/1.4 system-ui, sans-serif';
    const reference = document.createElement('p');
    reference.style.cssText = box.style.cssText + '; margin: 0';
    document.body.append(box, reference);
    const view = new RichTextView(box, '_blank');
    try {
      let text = '';
      let frozenSeen = 0;
      for (let n = 0; n < 400; n++) {
        text += `word${n}${n % 7 ? '' : ','} `;
        view.update(text, true);
        if (n % 10) continue;
        await frame();
        frozenSeen = Math.max(frozenSeen, box.querySelectorAll('.line > .line').length);
        reference.textContent = text;
        expect(box.querySelector('p')!.textContent).to.equal(text);
        expect(lineStarts(box), `after ${n + 1} words`).to.deep.equal(lineStarts(reference));
      }
      expect(frozenSeen, 'lines were frozen as the paragraph grew').to.be.greaterThan(20);

      // A new width joins the frozen lines again, and they break as one paragraph would at that width.
      box.style.width = reference.style.width = '250px';
      reference.textContent = text;
      await frame();
      await frame();
      expect(lineStarts(box)).to.deep.equal(lineStarts(reference));

      view.update(text.trim(), false);
      expect(box.querySelectorAll('.line').length, 'settled: one plain paragraph').to.equal(0);
      expect(box.querySelector('p')!.textContent).to.equal(text.trim());
    } finally {
      view.dispose();
      box.remove();
      reference.remove();
    }
  });

  it('hostile replies stay inert text, streamed or whole: 10,000 asterisks, nested brackets, script links', () => {
    const box = document.createElement('div');
    document.body.append(box);
    const view = new RichTextView(box, '_blank');
    try {
      const hostile = `${'*'.repeat(10_000)} ${'['.repeat(2_000)}x${']'.repeat(2_000)} [a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) ${'_a'.repeat(5_000)}`;
      for (let n = 1000; n < hostile.length; n += 1000) view.update(hostile.slice(0, n), true);
      view.update(hostile, false);
      expect(box.querySelectorAll('a').length).to.equal(0);
      expect(box.querySelectorAll('script, img, iframe').length).to.equal(0);
      expect(box.textContent).to.contain('*'.repeat(10_000));
    } finally {
      view.dispose();
      box.remove();
    }
  });
});

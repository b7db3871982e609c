import type { TextView, TextViewFactory } from '../../panel/text-view.js';
import { parseBlocks, parseInline, type Block, type Inline } from './markdown.js';

/** Builds DOM nodes from parsed inline Markdown: elements and text nodes only, never an HTML string. */
export function inlineNodes(nodes: Inline[], linkTarget: string): Node[] {
  return nodes.map((node) => {
    if (node.kind === 'text') return document.createTextNode(node.text);
    const el = document.createElement(node.kind === 'link' ? 'a' : node.kind);
    if (node.kind === 'code') el.textContent = node.text;
    else el.append(...inlineNodes(node.children, linkTarget));
    if (node.kind === 'link') {
      el.setAttribute('href', node.href);
      el.setAttribute('rel', 'noopener noreferrer');
      if (linkTarget) el.setAttribute('target', linkTarget);
    }
    return el;
  });
}

function blockElement(block: Block, linkTarget: string): HTMLElement {
  const el = document.createElement(block.kind);
  if (block.kind === 'p') el.append(...inlineNodes(parseInline(block.source).nodes, linkTarget));
  else {
    if (block.kind === 'ol' && block.start !== 1) el.setAttribute('start', String(block.start));
    for (const item of block.items)
      el.appendChild(document.createElement('li')).append(...inlineNodes(parseInline(item).nodes, linkTarget));
  }
  return el;
}

// A streaming paragraph freezes its lines once it has this many, keeping the last one live.
const FREEZE_LINES = 3;
// Frozen lines per chunk (a block the browser can skip once it is out of view).
const CHUNK_LINES = 24;

/**
 * An assistant message as rich text. Settled blocks are built once. The paragraph still streaming is split as it
 * grows: lines above the last move into blocks of their own (cut exactly where the browser broke the line, so nothing
 * moves), and only the last line is laid out again per frame. The cut is found after layout (in a ResizeObserver
 * callback), so streaming never forces a layout; a width change or the end of the message joins the paragraph again.
 */
export class RichTextView implements TextView {
  #blocks: { block: Block; el: HTMLElement }[] = [];
  #live?: LiveParagraph;
  // Made for the first paragraph that streams: a settled message (most of a long conversation) needs none.
  #observer?: ResizeObserver;

  constructor(
    private readonly box: HTMLElement,
    private readonly linkTarget: string,
  ) {
    box.replaceChildren();
  }

  update(text: string, streaming: boolean): void {
    const blocks = parseBlocks(text);
    const last = blocks.length - 1;
    blocks.forEach((block, index) => {
      const shown = this.#blocks[index];
      const growing = streaming && index === last && block.kind === 'p';
      const live = shown && shown.el === this.#live?.el ? this.#live : undefined;
      if (live && growing && block.source.startsWith(live.source)) {
        live.update(block.source);
        shown.block = block;
        return;
      }
      if (shown && !live && !growing && shown.block.kind === block.kind && shown.block.source === block.source) return;
      if (live) this.#stopLive();
      const el = growing ? this.#startLive(block.source) : blockElement(block, this.linkTarget);
      if (shown) shown.el.replaceWith(el);
      else this.box.append(el);
      this.#blocks[index] = { block, el };
    });
    for (const gone of this.#blocks.splice(blocks.length)) {
      if (gone.el === this.#live?.el) this.#stopLive();
      gone.el.remove();
    }
  }

  #startLive(source: string): HTMLElement {
    this.#live = new LiveParagraph(
      this.linkTarget,
      (this.#observer ??= new ResizeObserver(() => this.#live?.measure())),
    );
    this.#live.update(source);
    return this.#live.el;
  }

  // A paragraph that stopped growing is built again as one plain paragraph (its lines re-flow at any later width).
  #stopLive(): void {
    this.#observer?.disconnect();
    this.#live = undefined;
  }

  dispose(): void {
    this.#observer?.disconnect();
  }
}

/** A line block of a streaming paragraph (set through the CSSOM: strict CSP pages allow that). */
function line(span: HTMLSpanElement): HTMLSpanElement {
  span.className = 'line';
  span.style.display = 'block';
  return span;
}

/** The paragraph that is streaming: frozen line blocks, then the live line(s). */
class LiveParagraph {
  readonly el = document.createElement('p');
  source = '';
  #live = document.createElement('span');
  #liveText?: Text;
  /** Source before this offset is in frozen blocks. */
  #frozen = 0;
  #stable = 0;
  #width = 0;
  #chunk?: HTMLSpanElement;
  // One range, reused: every live Range is updated on each change of the document's text until it is collected, so
  // a new one per measure made each append slower than the last.
  #range = document.createRange();

  constructor(
    private readonly linkTarget: string,
    observer: ResizeObserver,
  ) {
    line(this.#live);
    this.el.append(this.#live);
    observer.observe(this.#live);
  }

  update(source: string): void {
    this.source = source;
    const { nodes, stable } = parseInline(source, this.#frozen, true);
    this.#stable = stable;
    const only = nodes.length === 1 && nodes[0].kind === 'text' ? nodes[0] : undefined;
    // Plain text that only grew: append to the node already there (the browser reshapes just the new words).
    if (only && this.#liveText && this.#live.childNodes.length === 1 && only.text.startsWith(this.#liveText.data)) {
      if (only.text.length > this.#liveText.data.length)
        this.#liveText.appendData(only.text.slice(this.#liveText.data.length));
      return;
    }
    this.#live.replaceChildren(...inlineNodes(nodes, this.linkTarget));
    this.#liveText = only ? (this.#live.firstChild as Text) : undefined;
  }

  /**
   * After layout: finds where the last line starts (or sees the width changed). The change itself waits for the next
   * frame: changing sizes inside a ResizeObserver callback would make the browser report a loop error to the page.
   */
  measure(): void {
    const width = this.#live.clientWidth;
    if (this.#width && width !== this.#width && this.#frozen) {
      this.#width = 0;
      requestAnimationFrame(() => this.#join());
      return;
    }
    const text = this.#liveText;
    if (!text || text.data.length < 2) return;
    const range = this.#range;
    range.selectNodeContents(text);
    const tops = new Set<number>();
    for (const rect of range.getClientRects()) if (rect.height) tops.add(Math.round(rect.top));
    if (tops.size < FREEZE_LINES) return;
    const lastTop = Math.max(...tops);
    // The first character on the last line: binary search, one rect per step.
    let low = 1;
    let high = text.data.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      range.setStart(text, mid);
      range.setEnd(text, mid + 1);
      const rect = range.getBoundingClientRect();
      if (Math.round(rect.top) >= lastTop - 1 && rect.height) high = mid;
      else low = mid + 1;
    }
    if (this.#frozen + low > this.#stable) return;
    this.#width = width;
    // Text only grows at its end, so the lines above the last one stay as measured until then.
    requestAnimationFrame(() => this.#freeze(text, low));
  }

  #freeze(text: Text, at: number): void {
    if (text !== this.#liveText || at >= text.data.length) return;
    const rest = text.splitText(at);
    // Frozen lines go into chunks; a full chunk that has scrolled out of view costs no layout or paint at all.
    if (!this.#chunk || this.#chunk.childNodes.length >= CHUNK_LINES) {
      this.#chunk = line(document.createElement('span'));
      this.#chunk.style.contentVisibility = 'auto';
      this.#chunk.style.containIntrinsicSize = 'auto 10em';
      this.el.insertBefore(this.#chunk, this.#live);
    }
    this.#chunk.append(line(document.createElement('span')));
    this.#chunk.lastChild!.appendChild(text);
    this.#liveText = rest;
    this.#frozen += at;
  }

  // The width changed: frozen lines would break in the wrong places, so the paragraph is one live block again.
  #join(): void {
    this.#frozen = 0;
    this.#chunk = undefined;
    this.#liveText = undefined;
    this.el.replaceChildren(this.#live);
    this.update(this.source);
  }
}

/** The chunk's entry: a view factory for a link target (the element caches one per target). */
const factories = new Map<string, TextViewFactory>();
/** The same factory for the same link target: the element skips unchanged messages by comparing it. */
export function richText(linkTarget: string): TextViewFactory {
  let make = factories.get(linkTarget);
  if (!make) factories.set(linkTarget, (make = (box) => new RichTextView(box, linkTarget)));
  return make;
}

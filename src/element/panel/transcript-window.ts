import type { Conversation, ConversationItem } from '../../core/index.js';

/** The page shows at most this many items; older ones leave the DOM and stay in `conversation`. */
export const SHOWN_ITEMS = 200;
// At most this many items are added to the DOM per frame (twice this while the window grows back): a frame of a
// flood stays well under 50 ms on a busy two-core machine.
const NEW_PER_FRAME = 8;

/**
 * Which items are in the DOM this frame: the newest, at most SHOWN_ITEMS. When more than NEW_PER_FRAME arrived since
 * the last frame (a flood from the service), only the newest NEW_PER_FRAME are shown and the window grows back by
 * NEW_PER_FRAME a frame: no frame lays out hundreds of new items, and none that would leave at once are built at all.
 */
export class TranscriptWindow {
  #shown = new Set<string>();
  /** Fewer items are shown than will be: the next frame shows more. */
  catchingUp = false;

  next(items: Conversation): readonly ConversationItem[] {
    const tail = items.length > SHOWN_ITEMS ? items.slice(-SHOWN_ITEMS) : items;
    let fresh = 0;
    while (fresh < tail.length && !this.#shown.has(tail[tail.length - 1 - fresh].id)) fresh++;
    const kept = tail.reduce((n, item) => n + (this.#shown.has(item.id) ? 1 : 0), 0);
    const count = fresh > NEW_PER_FRAME ? NEW_PER_FRAME : Math.min(tail.length, kept + fresh + NEW_PER_FRAME);
    const shown = count < tail.length ? tail.slice(-count) : tail;
    this.catchingUp = count < tail.length;
    this.#shown = new Set(shown.map((item) => item.id));
    return shown;
  }
}

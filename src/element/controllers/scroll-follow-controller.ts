import type { ReactiveController, ReactiveControllerHost } from 'lit';

// Within this many pixels of the end counts as being at the end.
const SLACK_PX = 24;

/**
 * Keeps a scrolling box at its end while new content streams in, unless the visitor scrolled up to read. It scrolls
 * from a ResizeObserver callback, which runs after layout: following a stream never forces a layout of its own.
 */
export class ScrollFollowController implements ReactiveController {
  #following = true;
  #box?: HTMLElement | null;
  #last?: Element | null;
  #observer = new ResizeObserver(() => {
    if (this.#box && this.#following) this.#box.scrollTop = this.#box.scrollHeight;
  });

  constructor(
    host: ReactiveControllerHost,
    private readonly box: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  // Watches the box and its newest entry (the one that grows); a new entry is seen once laid out.
  hostUpdated(): void {
    const box = this.box();
    if (box !== this.#box) {
      this.#box?.removeEventListener('scroll', this.#onScroll);
      box?.addEventListener('scroll', this.#onScroll, { passive: true });
      if (box) this.#observer.observe(box);
      this.#box = box;
    }
    const last = box?.lastElementChild;
    if (last === this.#last) return;
    if (this.#last) this.#observer.unobserve(this.#last);
    if (last) this.#observer.observe(last);
    this.#last = last;
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
    this.#box?.removeEventListener('scroll', this.#onScroll);
    this.#box = this.#last = undefined;
  }

  // Only a scroll (the visitor's, or ours reaching the end) decides whether to follow.
  #onScroll = () => {
    const box = this.#box!;
    this.#following = box.scrollHeight - box.scrollTop - box.clientHeight < SLACK_PX;
  };
}

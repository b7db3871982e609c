import type { ReactiveController, ReactiveControllerHost } from 'lit';

// Within this many pixels of the end counts as being at the end.
const SLACK_PX = 24;

/** Keeps a scrolling box at its end while new content streams in, unless the visitor scrolled up to read. */
export class ScrollFollowController implements ReactiveController {
  #following = true;

  constructor(
    host: ReactiveControllerHost,
    private readonly box: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  // Read before the DOM changes: the layout is still the one from the last frame, so this costs nothing.
  hostUpdate(): void {
    const box = this.box();
    if (box) this.#following = box.scrollHeight - box.scrollTop - box.clientHeight < SLACK_PX;
  }

  hostUpdated(): void {
    const box = this.box();
    if (box && this.#following) box.scrollTop = box.scrollHeight;
  }
}

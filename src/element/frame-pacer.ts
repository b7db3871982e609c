import { LitElement } from 'lit';

// While a reply streams, render at most this often: text still reads as flowing (chat SDKs throttle streamed text to
// 50 ms too, e.g. the AI SDK's `experimental_throttle`), and each render is a frame of layout and paint.
const STREAM_RENDER_MS = 45;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Elements with a property set since they last rendered: a setting changed, so the next frame renders it. */
const urgent = new WeakSet<object>();

/**
 * When `host` may render next. Streaming brings many deltas per frame: render once per frame at most, and while
 * updates come back to back (a reply streaming) every third frame at 60 Hz, which cuts a stream's layout and paint to
 * a third. An update after a pause, or one that sets a property (a click on Mute), waits for the next frame only. A
 * hidden page has no frames: it renders at once.
 */
export function framePacer(host: object): () => Promise<void> {
  let renderedAt = -Infinity;
  return async () => {
    if (!document.hidden) {
      let at = await frame();
      while (at - renderedAt < STREAM_RENDER_MS && !urgent.has(host) && !document.hidden) at = await frame();
      renderedAt = at;
    }
    urgent.delete(host);
  };
}

/** A LitElement that renders at that pace: bare update requests (a stream) are paced, property changes are not. */
export class PacedElement extends LitElement {
  #nextFrame = framePacer(this);

  protected override async scheduleUpdate(): Promise<void> {
    await this.#nextFrame();
    await super.scheduleUpdate();
  }

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    if (args[0] !== undefined) urgent.add(this);
    super.requestUpdate(...args);
  }
}

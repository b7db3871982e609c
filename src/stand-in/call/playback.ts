import type { Speaker } from '../media/audio-out.js';
import type { Pcm } from '../media/speech.js';

/**
 * The model's voice for one assistant item, as the caller hears it: generated ahead of time, played in real time.
 * Cancelling the response stops generation (audio not yet generated is never played); clearing stops playback.
 */
export class Playback {
  readonly totalMs: number;
  #abort = new AbortController();
  #generatedMs = Infinity;
  #playedMs = 0;
  #cleared = false;

  /** Where a client or the service cut the item (`conversation.item.truncated`), in ms. */
  truncatedAtMs: number | undefined;

  constructor(
    readonly responseId: string,
    readonly itemId: string,
    private readonly pcm: Pcm,
    /** The words the voice speaks. */
    readonly text: string,
  ) {
    this.totalMs = Math.round((pcm.samples.length / pcm.rate) * 1000);
  }

  get playedMs(): number {
    return Math.min(this.#playedMs, this.totalMs);
  }

  /** Milliseconds of the reply generated (all of it, unless generation stopped early). */
  get generatedMs(): number {
    return Math.round(Math.min(this.#generatedMs, this.totalMs));
  }

  get cleared(): boolean {
    return this.#cleared;
  }

  /** Plays on `speaker`; resolves once all generated audio is out or it was cleared. `onFrame` runs as each frame leaves. */
  async play(speaker: Speaker, onFrame: () => void): Promise<void> {
    await speaker.play(this.pcm, {
      signal: this.#abort.signal,
      limitMs: () => this.#generatedMs,
      onFrame: (ms) => {
        onFrame();
        this.#playedMs = ms;
      },
    });
  }

  /** Generation stopped after `fraction` of the reply: what was generated still plays, nothing more. */
  stopGenerating(fraction: number): void {
    this.#generatedMs = Math.min(this.#generatedMs, Math.max(this.#playedMs, fraction * this.totalMs));
  }

  /** Stops playback at once; returns the milliseconds the caller heard. */
  clear(): number {
    this.#cleared = true;
    this.#abort.abort();
    return this.playedMs;
  }
}

/** A bad network, one way at a time: what the stand-in's relay does to each packet or message. */
export interface PathShape {
  /** Share of packets dropped, in percent (UDP only: TCP resends what is lost, which `delayMs` stands for). */
  lossPercent?: number;
  /** One-way delay, in ms (a 300 ms round trip is 150 each way). */
  delayMs?: number;
  /** The delay varies by up to this much either way, in ms. */
  jitterMs?: number;
  /** A bandwidth cap, in kbit/s: packets queue behind each other. */
  kbps?: number;
}

/**
 * Schedules packets through one direction of a shaped path: each is dropped or sent after its delay, never before the
 * one ahead of it (a path's queue keeps its order), and no faster than the cap lets the bytes through. One queue and
 * one timer: timers of their own could fire out of order when two packets are due at the same moment.
 */
export class ShapedDirection {
  #free = 0;
  #queue: { at: number; send: () => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly shape: PathShape,
    private readonly random: () => number = Math.random,
  ) {}

  pass(bytes: number, send: () => void): void {
    const { lossPercent = 0, delayMs = 0, jitterMs = 0, kbps } = this.shape;
    if (this.random() * 100 < lossPercent) return;
    const now = performance.now();
    const wire = kbps ? (bytes * 8) / kbps : 0;
    const at = Math.max(now + delayMs + (this.random() * 2 - 1) * jitterMs, this.#free) + wire;
    this.#free = at;
    if (at <= now && !this.#queue.length) return send();
    this.#queue.push({ at, send });
    this.#schedule();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
  }

  #schedule(): void {
    const head = this.#queue[0];
    if (this.#timer !== undefined || !head) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        const now = performance.now();
        // Everything due goes now, in the order it came (a timer may fire a fraction of a millisecond early).
        while (this.#queue.length && this.#queue[0].at <= now + 1) this.#queue.shift()!.send();
        this.#schedule();
      },
      Math.max(0, head.at - performance.now()),
    );
  }
}

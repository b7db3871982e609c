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
 * one ahead of it (a path's queue keeps its order), and no faster than the cap lets the bytes through.
 */
export class ShapedDirection {
  #free = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();

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
    if (at <= now) return send();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      send();
    }, at - now);
    this.#timers.add(timer);
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

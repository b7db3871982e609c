/** What a transport can tell of its path to the service (times on the `performance.now()` clock). */
export interface LinkReading {
  /** When anything last arrived from the service: media, events, the path's own checks. */
  heardAt: number;
  /** Since when what we send has been piling up unsent (the path takes nothing), if it is. */
  stuckSince?: number | undefined;
  /** Whether the service keeps talking on its own when all is well (WebRTC: media reports and ICE answers). */
  steady: boolean;
  /** Whether the visitor still hears voice that came ahead of time (a WebSocket's): the wire's silence is not heard. */
  playing?: boolean;
  /** When the service's last event arrived: its event channel can stop while media and ICE go on. */
  eventsAt?: number | undefined;
}

/** How long a call waits, in ms, before it says the link stalled and before it gives the call up. */
export interface LinkTiming {
  /** Silent (or stuck) this long: the visitor is told the call is reconnecting. */
  stallMs: number;
  /** Stalled this long: the call is lost, and a replacement is tried. */
  lostMs: number;
}

/**
 * Tuned on impaired paths (test/networks): on a healthy WebRTC path something arrives at least every 1.5 s, so 2.5 s
 * of nothing is a stall; a path down for 12 s still comes back by itself, while a call silent for 30 s is gone
 * (ICE consent expires, RFC 7675), so 20 s lets a replacement start while the visitor still waits.
 */
export const LINK_TIMING: LinkTiming = { stallMs: 2500, lostMs: 20_000 };

/**
 * Tells a dead link from a quiet one. On a steady path, silence itself is the sign; otherwise (a WebSocket, where
 * the service says nothing between turns) silence counts only while a reply is owed and none of its voice is left to
 * play (TCP's resends under loss pause the wire for seconds), or when what we send piles up.
 */
export class LinkWatch {
  #stalledAt: number | undefined;
  #owedSince: number | undefined;
  #over = false;

  constructor(
    private readonly timing: LinkTiming,
    private readonly on: { stalled(): void; restored(): void; lost(why: string): void },
  ) {}

  get stalled(): boolean {
    return this.#stalledAt !== undefined;
  }

  /** One look at the link: `owed` says whether the service owes us something now (a reply under way). */
  check(reading: LinkReading, owed: boolean, now: number): void {
    if (this.#over) return;
    this.#owedSince = owed ? (this.#owedSince ?? now) : undefined;
    // A reply owed and not one event for as long as a dead link is given: the event channel died (an SCTP association
    // that stopped delivering), though voice and ICE still arrive. The call cannot answer; a replacement can.
    const mute = owed && reading.eventsAt !== undefined ? now - Math.max(reading.eventsAt, this.#owedSince!) : 0;
    if (mute >= this.timing.lostMs) return this.lose(`no event arrived for ${this.timing.lostMs / 1000} s of a reply`);
    const silentFor = (reading.steady || owed) && !reading.playing ? now - reading.heardAt : 0;
    const stuckFor = reading.stuckSince === undefined ? 0 : now - reading.stuckSince;
    const stalled = Math.max(silentFor, stuckFor) >= this.timing.stallMs;
    if (stalled && this.#stalledAt === undefined) {
      this.#stalledAt = now;
      this.on.stalled();
    } else if (!stalled && this.#stalledAt !== undefined) {
      this.#stalledAt = undefined;
      this.on.restored();
    } else if (stalled && now - this.#stalledAt! >= this.timing.lostMs - this.timing.stallMs) {
      this.lose(`nothing arrived for ${this.timing.lostMs / 1000} s`);
    }
  }

  /** Gives the call up now, once (the path is known dead: the device's address changed under it). */
  lose(why: string): void {
    if (this.#over) return;
    this.#over = true;
    this.on.lost(why);
  }
}

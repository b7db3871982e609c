import type { KeyRequest } from '../keys/key-request.js';
import { ReconnectPolicy } from './reconnect.js';
import type { VoiceSessionOptions } from './session-options.js';
import type { EphemeralKey } from '../keys/token.js';
import type { TransportChoice } from '../transport/transport-choice.js';
import { reachUrl, waitForReach } from '../transport/reachability.js';

// How long a lost call's replacement waits for the service to be reachable again before the conversation gives up.
const REACH_WINDOW_MS = 60_000;

/**
 * What carries over from one call of a conversation to the next: the key fetched ahead serves the first call only,
 * a call that had to leave WebRTC sends its replacements straight to the WebSocket, the greeting is asked for once,
 * and the reconnect policy decides whether a lost call may be replaced.
 */
export class CallSeries {
  #reconnect: ReconnectPolicy;
  #firstUsed = false;
  #fellBack = false;
  #greeted = false;
  #waiting: AbortController | undefined;

  constructor(private readonly options: VoiceSessionOptions) {
    this.#reconnect = new ReconnectPolicy(options.reconnect !== false);
  }

  /** A new conversation; one that goes on from an earlier page (`continued`) was greeted there already. */
  reset(continued = false): void {
    this.#reconnect.reset();
    this.#fellBack = false;
    this.#greeted = continued;
  }

  /** Whether a call's replacements go straight to the WebSocket. */
  get fellBack(): boolean {
    return this.#fellBack;
  }

  /** The key fetched ahead (or already asked for), for the first call only: a replacement call gets a fresh one. */
  firstKey(): { prefetched?: Promise<EphemeralKey | undefined>; early?: KeyRequest } | undefined {
    if (this.#firstUsed) return undefined;
    this.#firstUsed = true;
    return { prefetched: this.options.prefetchedKey?.catch(() => undefined), early: this.options.keyRequest };
  }

  /** A call went live on `choice`. */
  live(choice: TransportChoice): void {
    if (choice.reason === 'ice-timeout' || choice.reason === 'ice-failed') this.#fellBack = true;
  }

  /** The greeting to ask for: once a conversation (a replacement call does not greet again). */
  greeting(): string | undefined {
    if (this.options.greeting === undefined || this.#greeted) return undefined;
    this.#greeted = true;
    return this.options.greeting;
  }

  /**
   * Once the service can be reached again, `reached` (a replacement started while the network is still down would
   * sit in TCP's back-off, long after the network returned); `gaveUp` if it stays out of reach.
   */
  whenReachable(reached: () => void, gaveUp: () => void): void {
    const waiting = (this.#waiting = new AbortController());
    void waitForReach(reachUrl(this.options), REACH_WINDOW_MS, waiting.signal).then((ok) => {
      if (waiting.signal.aborted) return;
      this.#waiting = undefined;
      (ok ? reached : gaveUp)();
    });
  }

  /** The conversation stopped (or the call is being replaced anyway): no more waiting. */
  stopWaiting(): void {
    this.#waiting?.abort();
    this.#waiting = undefined;
  }

  /** Whether a call that was live for `liveMs` may be replaced now (counted when it may). */
  mayReplace(liveMs: number): boolean {
    return this.#reconnect.attempt(liveMs);
  }
}

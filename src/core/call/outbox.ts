import { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';

import { MAX_WAITING } from '../shared.js';

/**
 * Client events on their way out. Until the call is ready (its channel open and the session configured) they wait
 * here, bounded and in order; from then on they go straight out.
 */
export class Outbox {
  #waiting: ClientEvent[] = [];
  #send: ((event: ClientEvent) => void) | undefined;

  put(event: ClientEvent): void {
    if (this.#send) return this.#send(event);
    if (this.#waiting.length >= MAX_WAITING) throw new VoiceError('queue_full', '', undefined, true);
    this.#waiting.push(event);
  }

  /** The call is ready: what waited goes out first, in order. */
  open(send: (event: ClientEvent) => void): void {
    this.#send = send;
    for (const event of this.#waiting.splice(0)) send(event);
  }

  /** The call ended: nothing more goes out, and what waited is dropped. */
  close(): void {
    this.#send = undefined;
    this.#waiting = [];
  }
}

import { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';

/** Requests held at most while a response runs; one more is refused with `queue_full`. */
export const MAX_HELD = 64;

/**
 * Sends `response.create` one at a time: the service refuses a second one while a response is active
 * (`conversation_already_has_active_response`). A request made meanwhile is held and sent when the running response
 * is done — any `response.done` releases the gate by its type alone, whatever else it carries. Pure: it knows no
 * transport, only the function it sends with.
 */
export class ResponseSequencer {
  #active = false;
  #held: ClientEvent[] = [];
  /** The last request sent, to recognise the service refusing it. */
  #last: ClientEvent | undefined;

  constructor(private readonly dispatch: (event: ClientEvent) => void) {}

  /** A response is running (or was asked for and not yet done). */
  get active(): boolean {
    return this.#active;
  }

  /** How many requests wait for the running response to finish. */
  get held(): number {
    return this.#held.length;
  }

  /** A `response.create` to send now, or hold while one runs. Throws `queue_full` when too many wait. */
  request(event: ClientEvent): void {
    if (!this.#active && !this.#held.length) return this.#send(event);
    if (this.#held.length >= MAX_HELD) throw new VoiceError('queue_full', '', undefined, true);
    this.#held.push(event);
  }

  /** The service started a response (its own, from turn detection, or ours). */
  created(): void {
    this.#active = true;
  }

  /** A response ended (completed, cancelled, failed, incomplete — or a `response.done` we could not read). */
  done(): void {
    this.#active = false;
    const next = this.#held.shift();
    if (next) this.#send(next);
  }

  /**
   * The service answered an event with `error`. When it refused our last request because a response was already
   * running (one we had not heard of yet), the request goes first in line again; any other refusal frees the gate.
   * Returns whether the error was about a request of ours.
   */
  refused(eventId: string | null | undefined, code: string | null | undefined): boolean {
    const last = this.#last;
    if (!last || !eventId || last.event_id !== eventId) return false;
    this.#last = undefined;
    if (code === 'conversation_already_has_active_response') this.#held.unshift(last);
    else this.done();
    return true;
  }

  /** Drops what waits (the visitor interrupted: the replies they asked for earlier are no longer wanted). */
  clear(): void {
    this.#held = [];
  }

  /** Forgets everything (the call ended). */
  reset(): void {
    this.#active = false;
    this.#held = [];
    this.#last = undefined;
  }

  #send(event: ClientEvent): void {
    this.#active = true;
    this.#last = event;
    this.dispatch(event);
  }
}

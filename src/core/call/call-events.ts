import type { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';
import { TRANSPORT_EVENTS, type TransportHandlers } from '../transport/transport.js';

/** What a call tells its conversation: each transport event as the transport says it, its timeout, what it sent. */
export type CallEventMap = { [K in keyof TransportHandlers]: Parameters<TransportHandlers[K]> } & {
  timeout: [error: VoiceError];
  /** A client event went out (keys redacted). */
  sent: [event: ClientEvent];
};

type Listeners = { [K in keyof CallEventMap]?: ((...args: CallEventMap[K]) => void)[] };

/** Typed listeners for a call's events; nothing is delivered once `mute()` was called (the call closed). */
export class CallEvents {
  #listeners: Listeners = {};
  #muted = false;

  on<K extends keyof CallEventMap>(type: K, listener: (...args: CallEventMap[K]) => void): void {
    (this.#listeners[type] ??= [] as NonNullable<Listeners[K]>).push(listener);
  }

  emit<K extends keyof CallEventMap>(type: K, ...args: CallEventMap[K]): void {
    if (this.#muted) return;
    for (const listener of this.#listeners[type] ?? []) listener(...args);
  }

  /**
   * Handlers for the transport, each emitting the event of its name: a new transport event needs its type in
   * `TransportHandlers` (and its name in `TRANSPORT_EVENTS`, checked) and a listener, nothing in between.
   */
  forTransport(): TransportHandlers {
    const emit =
      (type: keyof TransportHandlers) =>
      (...args: unknown[]) =>
        this.emit(type, ...(args as never));
    return Object.fromEntries(TRANSPORT_EVENTS.map((type) => [type, emit(type)])) as unknown as TransportHandlers;
  }

  mute(): void {
    this.#muted = true;
  }
}

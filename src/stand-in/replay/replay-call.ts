import { keepLast, shortened } from '../call/bounded.js';
import type { HeardReport } from '../media/audio-in.js';
import { sleep } from '../call/call-context.js';
import type { CallTransport, ServedCall } from '../call/call.js';
import { newId } from '../call/ids.js';
import type { Recording } from './recording.js';

type Json = Record<string, unknown>;

/** Replaces every string equal to a key of `ids` (a recorded client event id) with its live counterpart. */
function rewrite(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, ids));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, ids)]));
  return value;
}

/**
 * A call that replays a recorded session onto a real WebRTC connection: each server event at its recorded pace, and
 * at each recorded client event, a wait until the client sends one of that type (its `event_id` then stands for the
 * recorded one wherever the service named it, e.g. in `error.event_id`). What the client sends otherwise is noted.
 */
export class ReplayCall implements ServedCall {
  readonly id = newId('rtc');
  readonly received: string[] = [];
  #transport: CallTransport | undefined;
  #life = new AbortController();
  #inbox: Json[] = [];
  #waiting: { type: string; resolve: (event: Json) => void } | undefined;
  #ids = new Map<string, string>();

  constructor(
    private readonly recording: Recording,
    private readonly onClose: () => void,
    /** Sees every client event, as a live call's does (the client-event oracle checks replays too). */
    private readonly onClientEvent?: (event: unknown) => void,
  ) {}

  open(transport: CallTransport): void {
    this.#transport = transport;
    void this.#play();
  }

  receive(data: string | Buffer): void {
    let event: Json;
    try {
      event = JSON.parse(String(data)) as Json;
    } catch {
      return;
    }
    this.onClientEvent?.(event);
    if (typeof event?.type !== 'string') return;
    keepLast(this.received, shortened(event.type));
    if (this.#waiting?.type === event.type) {
      const { resolve } = this.#waiting;
      this.#waiting = undefined;
      resolve(event);
    } else this.#inbox.push(event);
  }

  hear(): void {}

  async #play(): Promise<void> {
    const signal = this.#life.signal;
    for (const line of this.recording.lines) {
      if (signal.aborted) return;
      if ('client' in line) {
        const live = await this.#expect(String(line.client.type));
        if (typeof line.client.event_id === 'string' && typeof live.event_id === 'string')
          this.#ids.set(line.client.event_id, live.event_id);
        continue;
      }
      await sleep(line.at, signal);
      if (!signal.aborted) this.#transport?.send(JSON.stringify(rewrite(line.server, this.#ids)));
    }
  }

  #expect(type: string): Promise<Json> {
    const index = this.#inbox.findIndex((event) => event.type === type);
    if (index >= 0) return Promise.resolve(this.#inbox.splice(index, 1)[0]);
    return new Promise((resolve) => (this.#waiting = { type, resolve }));
  }

  report() {
    const heard: HeardReport = this.#transport?.heard() ?? { packets: 0, heardMs: 0, voicedMs: 0, peak: 0 };
    return {
      id: this.id,
      heard,
      closed: this.#life.signal.aborted,
      received: this.received.slice(-200),
      replay: this.recording.header.source,
    };
  }

  async close(): Promise<void> {
    if (this.#life.signal.aborted) return;
    this.#life.abort();
    this.onClose();
    await this.#transport?.close();
  }
}

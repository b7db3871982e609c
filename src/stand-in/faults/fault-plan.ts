import type { Outgoing } from '../call/events.js';
import type { PathShape } from '../media/path-shape.js';

// What a fault is made of: how it changes a call, and what a call offers a fault that strikes it.

/** What a live call offers a fault that strikes it. */
export interface FaultTarget {
  /** The key the call was opened with (only `leaky` ever says it). */
  readonly key: string;
  /** The fault's tag (seeds the fuzz). */
  readonly tag: string;
  /** Aborts when the call ends. */
  readonly signal: AbortSignal;
  send(event: Outgoing): void;
  /** A message the service would never send (junk on purpose): not checked for conformance. */
  sendRaw(message: string | Buffer): void;
  close(): Promise<void>;
  /** Closes the event channel and leaves the connection up. */
  closeEvents(): void;
  /** Sends the visitor no more events, the channel left open and the voice going on (an association that stalled). */
  stallEvents(): void;
  /** Drops every packet both ways for `ms`, as a train in a tunnel does. */
  blackout(ms: number): void;
  /** Breaks the connection without a goodbye: a TCP reset under a WebSocket; over WebRTC, the peer closes. */
  reset(): void;
  /** Resolves when the call next sends an event of this type (a string: the published types carry no `openai`). */
  sent(type: string): Promise<void>;
}

/** How a scenario changes the service's behaviour for the whole call. */
export interface Scenario {
  /** Every response fails with this error (`response.done` status `failed`). */
  failResponses?: { type: string; code: string; message: string };
  /** Replies stop after this many tokens (`response.done` status `incomplete`, reason `max_output_tokens`). */
  maxOutputTokens?: number;
  /** Transcriptions of the visitor's speech fail. */
  failTranscription?: boolean;
  /** The first `session.update` is refused, as the service refuses a field it no longer accepts. */
  rejectFirstUpdate?: boolean;
  /** An MCP server (the stand-in's own) is configured in the session, asking approval for every call. */
  mcp?: boolean;
  /** What the client sends reaches the stand-in this much later (a slow uplink), in order. */
  uplinkDelayMs?: number;
}

export interface FaultPlan {
  /** What it does, in a sentence (for `--help`, the README and test titles). */
  does: string;
  /** `POST /realtime/calls` answers this instead of starting a call. */
  refuse?: (signal: AbortSignal) => Response | Promise<Response>;
  /** `POST /realtime/client_secrets` answers this instead of a key. */
  refuseSecrets?: (signal: AbortSignal) => Response | Promise<Response>;
  /** The SDP exchange takes this much longer. */
  slowMs?: number;
  /** The answer names an address nobody listens on. */
  iceNever?: boolean;
  /** A bad network between the browser and the stand-in (WebRTC through a shaped relay, WebSocket messages alike). */
  path?: PathShape;
  /** Strikes once the session is live (its first `session.updated`), after `afterMs`. */
  live?: { afterMs: number; strike(call: FaultTarget): void | Promise<void> };
  scenario?: Scenario;
  /** Strikes the first call of its tag only; the calls after it (a reconnect) go well. */
  once?: boolean;
}

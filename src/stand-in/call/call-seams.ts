import type { HeardReport } from '../media/audio-in.js';
import type { Speaker } from '../media/audio-out.js';
import type { Outgoing } from './events.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import type { ItemIds } from './response-items.js';
import type { SessionConfig } from './session-config.js';

// The seams of a stand-in call: what carries it, how its transport sees it, and what it is opened with.

/** What carries a call: events one way and the other, the visitor's audio in, the model's voice out. */
export interface CallTransport {
  readonly kind: 'webrtc' | 'websocket';
  /** Sends one message on the event channel (if it is open). */
  send(message: string | Buffer): void;
  /** The model's voice for one item; over a WebSocket it travels in events, sent with `send`. */
  speaker(ids: ItemIds, send: (event: Outgoing) => void): Speaker;
  /** Over a WebSocket: one `input_audio_buffer.append`'s audio; false if it is not base64 PCM16. */
  append?(audio: string): boolean;
  /** What the stand-in heard of the visitor's microphone. */
  heard(): HeardReport;
  closeEvents(): void;
  blackout(ms: number): void;
  /** Breaks the connection without a goodbye (a TCP reset under a WebSocket; over WebRTC, the peer closes). */
  reset(): void;
  close(): Promise<void>;
}

/** A call as its transport sees it: the scripted service ({@link RealtimeCall}) or a recording replayed. */
export interface ServedCall {
  readonly id: string;
  /** The transport is up and its event channel open. */
  open(transport: CallTransport): void;
  /** One message from the client. */
  receive(data: string | Buffer): void;
  /** One frame of the visitor's microphone (its level, RMS 0..1, and length). */
  hear(level: number, ms: number): void;
  report(): Record<string, unknown>;
  close(): Promise<void>;
}

export interface CallOptions {
  session: SessionConfig;
  /** From `response.create` to the first audio of a reply. */
  replyDelayMs?: number;
  /** The fault or scenario a test asked for, with its tag. */
  fault?: { plan: FaultPlan; tag: string } | undefined;
  /** The key the call was opened with. */
  key: string;
  onClose?: () => void;
  /** Every event sent, before it leaves (the conformance check listens here). */
  onEvent?: (event: Record<string, unknown>) => void;
  /** Each message a fault sends on purpose that the service never would. */
  onRaw?: (() => void) | undefined;
  /** Every client message that is JSON, as parsed, before any check (the client-event oracle listens here). */
  onClientEvent?: ((event: unknown) => void) | undefined;
}

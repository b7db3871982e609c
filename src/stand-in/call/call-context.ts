import type { Outgoing } from './events.js';
import type { Scenario } from '../faults/fault-plan.js';
import type { Items } from './items.js';
import type { SessionConfig } from './session-config.js';

/** What the parts of a call (input turns, responses, MCP) share: its session, conversation and outbound events. */
export interface CallContext {
  readonly session: SessionConfig;
  readonly items: Items;
  readonly scenario: Scenario;
  /** Aborts when the call ends: every timer of the call listens to it. */
  readonly signal: AbortSignal;
  /** From `response.create` to the first audio of the reply (benchmarks imitate a real model's latency with it). */
  readonly replyDelayMs: number;
  /** WebRTC carries audio on RTP tracks; a WebSocket carries it in events, and the client truncates what it cut. */
  readonly kind: 'webrtc' | 'websocket';
  send(event: Outgoing): void;
  /** An `error` event in the service's shape; `eventId` is the client event it answers (null when none). */
  error(code: string, message: string, eventId: unknown, param?: string | null, type?: string): void;
}

/** Waits `ms`, or less if `signal` aborts first (then it resolves too: callers check the signal). */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

import type { Activity, ApprovalRequest, ConnectStages, TransportChoice, ConversationItem, ErrorCode, ErrorStage, ServerEvent, SessionState, ToolCall, TurnMetrics, Usage } from '../core/index.js';
import type { ClientEvent } from '../core/index.js';

/** A conversation item as hosts see it (user and assistant messages). */
export type TranscriptItem = ConversationItem;

const init = { bubbles: true, composed: true } as const;

/** The session's state changed. */
export class RvcStateEvent extends Event {
  static readonly eventName = 'rvc-state';
  constructor(readonly detail: { state: SessionState; previous: SessionState }) {
    super(RvcStateEvent.eventName, init);
  }
}

/** A conversation item appeared or changed (streamed text, completed, interrupted). */
export class RvcTranscriptEvent extends Event {
  static readonly eventName = 'rvc-transcript';
  constructor(readonly detail: { item: TranscriptItem }) {
    super(RvcTranscriptEvent.eventName, init);
  }
}

/** A server event arrived (known or not; invalid ones become `rvc-error`); audio chunks are played, not announced. */
export class RvcServerEvent extends Event {
  static readonly eventName = 'rvc-server-event';
  constructor(readonly detail: { event: ServerEvent }) {
    super(RvcServerEvent.eventName, init);
  }
}

/** A client event was sent on the data channel. */
export class RvcClientEvent extends Event {
  static readonly eventName = 'rvc-client-event';
  constructor(readonly detail: { event: ClientEvent }) {
    super(RvcClientEvent.eventName, init);
  }
}

/** Something failed. `code` is stable; `message` is the localized text the visitor sees; `detail` the server's words. */
export class RvcErrorEvent extends Event {
  static readonly eventName = 'rvc-error';
  constructor(readonly detail: { code: ErrorCode; stage: ErrorStage; message: string; detail: string; recoverable: boolean; serverCode?: string | undefined; status?: number | undefined }) {
    super(RvcErrorEvent.eventName, init);
  }
}

/** Connect-stage times, in ms since `start()`, each time a stage completes; `turn` when a reply becomes audible. */
export class RvcMetricsEvent extends Event {
  static readonly eventName = 'rvc-metrics';
  constructor(readonly detail: { stages: ConnectStages; turn?: TurnMetrics | undefined; transport?: TransportChoice | undefined }) {
    super(RvcMetricsEvent.eventName, init);
  }
}

/** Who is speaking changed: `listening`, `user-speaking`, `thinking`, `assistant-speaking`, or `idle` (no call). */
export class RvcActivityEvent extends Event {
  static readonly eventName = 'rvc-activity';
  constructor(readonly detail: { activity: Activity; previous: Activity }) {
    super(RvcActivityEvent.eventName, init);
  }
}

/**
 * The model called a page tool. Cancelable: call `preventDefault()` and then `respond(output)` to answer it yourself;
 * otherwise the tool's `handler` runs.
 */
export class RvcToolCallEvent extends Event {
  static readonly eventName = 'rvc-tool-call';
  constructor(readonly detail: ToolCall & { respond(output: unknown): void }) {
    super(RvcToolCallEvent.eventName, { ...init, cancelable: true });
  }
}

/** Tokens used so far (after every reply and transcription), by kind, and the service's latest rate limits. */
export class RvcUsageEvent extends Event {
  static readonly eventName = 'rvc-usage';
  constructor(readonly detail: { usage: Usage }) {
    super(RvcUsageEvent.eventName, init);
  }
}

/**
 * The model wants to call an MCP tool that needs approval. Cancelable: call `preventDefault()` and then
 * `respond(approve)` to decide yourself; otherwise the panel asks the visitor (Approve / Deny).
 */
export class RvcToolApprovalEvent extends Event {
  static readonly eventName = 'rvc-tool-approval';
  constructor(readonly detail: ApprovalRequest & { respond(approve: boolean): void }) {
    super(RvcToolApprovalEvent.eventName, { ...init, cancelable: true });
  }
}

/**
 * A WebRTC call started on the service: its id (`rtc_…`), so the host's server can attach its control connection,
 * and the ticket that lets it (when the token endpoint gave one with the key).
 */
export class RvcCallEvent extends Event {
  static readonly eventName = 'rvc-call';
  constructor(readonly detail: { callId: string; ticket?: string }) {
    super(RvcCallEvent.eventName, init);
  }
}

/** Every DOM event the element fires, by name: for typing listeners in frameworks (e.g. React's `on<event>` props). */
export interface RvcEventMap {
  'rvc-state': RvcStateEvent;
  'rvc-transcript': RvcTranscriptEvent;
  'rvc-server-event': RvcServerEvent;
  'rvc-client-event': RvcClientEvent;
  'rvc-error': RvcErrorEvent;
  'rvc-metrics': RvcMetricsEvent;
  'rvc-activity': RvcActivityEvent;
  'rvc-tool-call': RvcToolCallEvent;
  'rvc-usage': RvcUsageEvent;
  'rvc-tool-approval': RvcToolApprovalEvent;
  'rvc-call': RvcCallEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends RvcEventMap {}
}

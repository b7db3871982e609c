import type {
  Activity,
  ApprovalRequest,
  ConnectStages,
  TransportChoice,
  ConversationItem,
  ErrorCode,
  ErrorStage,
  ServerEvent,
  SessionState,
  ToolCall,
  TurnMetrics,
  Usage,
} from '../core/index.js';
import type { ClientEvent, OutOfBandAnswer } from '../core/index.js';

/** A conversation item as hosts see it: a message, a tool call or approval, or a divider between calls. */
export type TranscriptItem = ConversationItem;

// Every event reaches the page from inside the element's shadow root.
const init = { bubbles: true, composed: true } as const;

// The events are CustomEvent subclasses: framework typings read `detail` from CustomEvent<Detail>, and the DOM keeps
// it read-only.

/** The session's state changed. */
export class RvcStateEvent extends CustomEvent<{ state: SessionState; previous: SessionState }> {
  static readonly eventName = 'rvc-state';
  constructor(detail: RvcStateEvent['detail']) {
    super(RvcStateEvent.eventName, { ...init, detail });
  }
}

/** A conversation item appeared or changed (streamed text, completed, interrupted). */
export class RvcTranscriptEvent extends CustomEvent<{ item: TranscriptItem }> {
  static readonly eventName = 'rvc-transcript';
  constructor(detail: RvcTranscriptEvent['detail']) {
    super(RvcTranscriptEvent.eventName, { ...init, detail });
  }
}

/** A server event arrived (known or not; invalid ones become `rvc-error`); audio chunks are played, not announced. */
export class RvcServerEvent extends CustomEvent<{ event: ServerEvent }> {
  static readonly eventName = 'rvc-server-event';
  constructor(detail: RvcServerEvent['detail']) {
    super(RvcServerEvent.eventName, { ...init, detail });
  }
}

/** A client event was sent on the data channel. */
export class RvcClientEvent extends CustomEvent<{ event: ClientEvent }> {
  static readonly eventName = 'rvc-client-event';
  constructor(detail: RvcClientEvent['detail']) {
    super(RvcClientEvent.eventName, { ...init, detail });
  }
}

/** Something failed. `code` is stable; `message` is the localized text the visitor sees; `detail` the server's words. */
export class RvcErrorEvent extends CustomEvent<{
  code: ErrorCode;
  stage: ErrorStage;
  message: string;
  detail: string;
  recoverable: boolean;
  serverCode?: string | undefined;
  status?: number | undefined;
}> {
  static readonly eventName = 'rvc-error';
  constructor(detail: RvcErrorEvent['detail']) {
    super(RvcErrorEvent.eventName, { ...init, detail });
  }
}

/** Connect-stage times, in ms since `start()`, each time a stage completes; `turn` when a reply becomes audible. */
export class RvcMetricsEvent extends CustomEvent<{
  stages: ConnectStages;
  turn?: TurnMetrics | undefined;
  transport?: TransportChoice | undefined;
}> {
  static readonly eventName = 'rvc-metrics';
  constructor(detail: RvcMetricsEvent['detail']) {
    super(RvcMetricsEvent.eventName, { ...init, detail });
  }
}

/** Who is speaking changed: `listening`, `user-speaking`, `thinking`, `assistant-speaking`, or `idle` (no call). */
export class RvcActivityEvent extends CustomEvent<{ activity: Activity; previous: Activity }> {
  static readonly eventName = 'rvc-activity';
  constructor(detail: RvcActivityEvent['detail']) {
    super(RvcActivityEvent.eventName, { ...init, detail });
  }
}

/**
 * The model called a page tool. Cancelable: call `preventDefault()` and then `respond(output)` to answer it yourself;
 * otherwise the tool's `handler` runs.
 */
export class RvcToolCallEvent extends CustomEvent<ToolCall & { respond(output: unknown): void }> {
  static readonly eventName = 'rvc-tool-call';
  constructor(detail: RvcToolCallEvent['detail']) {
    super(RvcToolCallEvent.eventName, { ...init, cancelable: true, detail });
  }
}

/** Tokens used so far (after every reply and transcription), by kind, and the service's latest rate limits. */
export class RvcUsageEvent extends CustomEvent<{ usage: Usage }> {
  static readonly eventName = 'rvc-usage';
  constructor(detail: RvcUsageEvent['detail']) {
    super(RvcUsageEvent.eventName, { ...init, detail });
  }
}

/**
 * The model wants to call an MCP tool that needs approval. Cancelable: call `preventDefault()` and then
 * `respond(approve)` to decide yourself; otherwise the panel asks the visitor (Approve / Deny).
 */
export class RvcToolApprovalEvent extends CustomEvent<ApprovalRequest & { respond(approve: boolean): void }> {
  static readonly eventName = 'rvc-tool-approval';
  constructor(detail: RvcToolApprovalEvent['detail']) {
    super(RvcToolApprovalEvent.eventName, { ...init, cancelable: true, detail });
  }
}

/**
 * A WebRTC call started on the service: its id (`rtc_…`), so the host's server can attach its control connection,
 * and the ticket that lets it (when the token endpoint gave one with the key).
 */
export class RvcCallEvent extends CustomEvent<{ callId: string; ticket?: string }> {
  static readonly eventName = 'rvc-call';
  constructor(detail: RvcCallEvent['detail']) {
    super(RvcCallEvent.eventName, { ...init, detail });
  }
}

/** A response out of band ended (`ask()`, or the page's own `conversation: "none"`): its text, never in the transcript. */
export class RvcResponseEvent extends CustomEvent<OutOfBandAnswer> {
  static readonly eventName = 'rvc-response';
  constructor(detail: RvcResponseEvent['detail']) {
    super(RvcResponseEvent.eventName, { ...init, detail });
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
  'rvc-response': RvcResponseEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends RvcEventMap {}
}

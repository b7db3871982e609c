import type { OutOfBandAnswer } from './out-of-band.js';
import type { Activity } from './activity.js';
import type { Conversation, ConversationItem } from '../conversation/conversation.js';
import type { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { ServerEvent } from '../protocol/server-events.js';
import type { Levels } from '../audio/levels.js';
import type { ToolCallDetail } from './tools.js';
import type { Usage } from './usage.js';
import type { TransportChoice } from '../transport/transport-choice.js';

/** An MCP tool call the model wants to make, waiting for approval. */
export interface ApprovalRequest {
  /** The approval request's item id. */
  readonly id: string;
  /** The MCP server's label. */
  readonly server: string;
  readonly name: string;
  /** The arguments, as JSON text. */
  readonly arguments: string;
}

/** Detail of the cancelable `approval` event: cancel it and call `respond` to decide yourself (the panel asks otherwise). */
export interface ApprovalDetail {
  readonly request: ApprovalRequest;
  respond: (approve: boolean) => void;
}

export type SessionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

/** A call is under way (or being restored): Stop applies, messages are sent or queued. */
export const isRunning = (state: SessionState): boolean =>
  state === 'connecting' || state === 'live' || state === 'reconnecting';

/** Milliseconds from `start()` to each connect stage; a stage is absent until it happens. */
export interface ConnectStages {
  token?: number;
  microphone?: number;
  offer?: number;
  answer?: number;
  ice?: number;
  channel?: number;
  ready?: number;
  firstAudio?: number;
}
export type Stage = keyof ConnectStages;

/** One turn: from the visitor's speech ending (or text sent) to the first assistant audio actually heard. */
export interface TurnMetrics {
  trigger: 'speech' | 'text';
  /** Milliseconds until the model's voice was audible in the page. */
  ms: number;
}

/** What each core event carries. */
export interface SessionEventDetails {
  statechange: { state: SessionState; previous: SessionState };
  serverevent: { event: ServerEvent };
  clientevent: { event: ClientEvent };
  conversation: { items: Conversation; changed: readonly ConversationItem[] };
  error: { error: VoiceError };
  /** Connect stages, the turn just measured, and which transport carries the call (and why). */
  metrics: { stages: ConnectStages; turn?: TurnMetrics; transport?: TransportChoice };
  activity: { activity: Activity; previous: Activity };
  levels: Levels;
  /** Cancelable: cancel it and call `respond` to answer the call yourself. */
  toolcall: ToolCallDetail;
  remotestream: { stream: MediaStream };
  /** The browser holds the voice back until the visitor interacts (autoplay rules): call `resumeAudio()` in a click. */
  audioblocked: Record<string, never>;
  /** Tokens used so far (every `response.done` and transcription) and the latest rate limits. */
  usage: { usage: Usage };
  approval: ApprovalDetail;
  /** A response out of band ended (`ask()`, or a page's own `conversation: "none"`): its text, never the transcript's. */
  response: OutOfBandAnswer;
  /** A setting the page gave that the session cannot apply (e.g. `idle-timeout` under semantic VAD): said, not dropped. */
  warning: { message: string };
}
export type SessionEventType = keyof SessionEventDetails;

/** Events a {@link VoiceSession} dispatches on itself. The element turns each into a new `rvc-*` DOM event. */
export class SessionEvent<K extends SessionEventType = SessionEventType> extends Event {
  constructor(
    type: K,
    readonly detail: SessionEventDetails[K],
    cancelable = false,
  ) {
    super(type, { cancelable });
  }
}

/** An `EventTarget` whose listeners know each session event's detail. */
export interface SessionEventTarget extends EventTarget {
  addEventListener<K extends SessionEventType>(
    type: K,
    listener: (event: SessionEvent<K>) => void,
    options?: AddEventListenerOptions | boolean,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void;
  removeEventListener<K extends SessionEventType>(
    type: K,
    listener: (event: SessionEvent<K>) => void,
    options?: EventListenerOptions | boolean,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void;
}
export const SessionEventTarget = EventTarget as unknown as {
  new (): SessionEventTarget;
  prototype: SessionEventTarget;
};

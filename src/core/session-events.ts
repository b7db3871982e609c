import type { Conversation, ConversationItem } from './conversation.js';
import type { VoiceError } from './errors.js';
import type { ClientEvent } from './protocol/client-events.js';
import type { ServerEvent } from './protocol/server-events.js';

export type SessionState = 'idle' | 'connecting' | 'live' | 'ended' | 'failed';

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

/** What each core event carries. */
export interface SessionEventDetails {
  statechange: { state: SessionState; previous: SessionState };
  serverevent: { event: ServerEvent };
  clientevent: { event: ClientEvent };
  conversation: { items: Conversation; changed: readonly ConversationItem[] };
  error: { error: VoiceError };
  metrics: { stages: ConnectStages };
  remotestream: { stream: MediaStream };
}
export type SessionEventType = keyof SessionEventDetails;

/** Events a {@link VoiceSession} dispatches on itself. The element turns each into a new `rvc-*` DOM event. */
export class SessionEvent<K extends SessionEventType = SessionEventType> extends Event {
  constructor(
    type: K,
    readonly detail: SessionEventDetails[K],
  ) {
    super(type);
  }
}

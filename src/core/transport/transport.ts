import type { VoiceError } from '../errors.js';
import type { Levels } from '../audio/levels.js';
import type { ToolDeclaration } from '../protocol/client-events.js';
import type { Stage } from '../session/session-events.js';
import type { EphemeralKey } from '../keys/token.js';
import type { LinkReading } from '../call/link-watch.js';

/** How a call reaches the service: the key (when one is needed) and where the call is opened. */
export interface CallRoute {
  /** Base URL of the Realtime service. */
  baseUrl: string;
  /** The host's endpoint for the unified interface (no key in the browser); wins over `key`. */
  callEndpoint?: string | undefined;
  /** The key for this call; `fresh` asks for a new one because the service refused the last. */
  key?: ((fresh: boolean, signal: AbortSignal) => Promise<EphemeralKey>) | undefined;
  /** The model the page asked for: the WebSocket URL names it when the key's reply did not say its session's. */
  model?: string | undefined;
  /** The page's tools, posted beside the offer to a call endpoint, so the host's server declares them with its own. */
  tools?: readonly ToolDeclaration[] | undefined;
}

/** The microphone a call sends: one the host opened (never stopped by us) or one we open with these constraints. */
export interface MicrophoneSource {
  stream?: MediaStream | undefined;
  constraints: MediaTrackConstraints;
  /** One we opened for an earlier attempt at this call (a fallback): ours to stop, no need to ask again. */
  handedOver?: MediaStream | undefined;
}

/** What a transport tells the session. Each call has its own handlers; nothing arrives after `close()`. */
export interface TransportHandlers {
  /** A connect stage was reached (`token`, `microphone`, `offer`, `answer`, `ice`, `channel`). */
  stage(stage: Stage): void;
  /** The event channel is open: messages can be sent. */
  open(): void;
  /** One message from the service, as it arrived. */
  message(data: unknown): void;
  /** The connection dropped but may come back by itself (a short network blip). */
  interrupted(): void;
  /** It came back. */
  restored(): void;
  /** The call is gone (failed to connect, dropped for good, or the service closed it). */
  lost(error: VoiceError): void;
  /** The model's voice, to be played by a media element. */
  remoteStream(stream: MediaStream): void;
  /** Switching microphones failed; the call goes on with the one it had. */
  microphoneError(error: VoiceError): void;
  /** The model's voice started or stopped playing, for a transport that plays it itself (WebSocket). */
  playing(playing: boolean): void;
  /** The browser holds the voice back until the visitor interacts (autoplay rules): `resumeAudio()` in a click. */
  audioBlocked(): void;
}

/** Every transport event by name (the `satisfies` makes the compiler check that none is missing or extra). */
export const TRANSPORT_EVENTS = Object.keys({
  stage: 1,
  open: 1,
  message: 1,
  interrupted: 1,
  restored: 1,
  lost: 1,
  remoteStream: 1,
  microphoneError: 1,
  playing: 1,
  audioBlocked: 1,
} satisfies Record<keyof TransportHandlers, 1>) as (keyof TransportHandlers)[];

/** A client event a transport asks the session to send. */
export type TransportEvent = { type: string; [field: string]: unknown };

/**
 * One call's connection to the service: it owns the connection, the event channel, the microphone tracks it opened,
 * the key and offer exchange and its own timers, and releases all of them in `close()`. The session above it speaks
 * the protocol and never touches a peer connection or a socket.
 */
export interface Transport {
  readonly kind: 'webrtc' | 'websocket';
  /** The service's id for the call (`rtc_…`), when it told us. */
  readonly callId: string | undefined;
  /** The host server's ticket to attach its control to this call (came with the key), when it gave one. */
  readonly attachTicket?: string | undefined;
  /** The `deviceId` of the microphone being sent. */
  readonly microphoneId: string | undefined;
  /** Sets the call up; reports stages, then `open`. Rejects with a `VoiceError` when it cannot. */
  connect(): Promise<void>;
  /** Sends one text message on the open event channel. */
  send(message: string): void;
  /** Whether the microphone's audio reaches the service (muted, or push-to-talk released: it hears silence). */
  setMicrophoneEnabled(enabled: boolean): void;
  /** Sends another microphone (`undefined`: the default one) without interrupting the call. */
  useMicrophone(deviceId: string | undefined): Promise<void>;
  /** Loudness of the microphone sent and of the voice played. */
  readLevels(): Promise<Levels>;
  /** How the path to the service is doing (a transport without it is never judged stalled by the call). */
  readLink?(): Promise<LinkReading>;
  /** Stops the model's voice at once; returns the event that tells the service (what was heard, or to stop playing). */
  stopPlayback(): TransportEvent | undefined;
  /**
   * The visitor spoke over the reply (the service's turn detection said so). A transport that plays the voice itself
   * stops it and returns the truncation to send; over WebRTC the service does both, and this returns nothing.
   */
  voiceInterrupted(): TransportEvent | undefined;
  /** Lets held-back audio play; call it inside a click. */
  resumeAudio(): Promise<void>;
  close(): void;
}

export type TransportFactory = (
  route: CallRoute,
  microphone: MicrophoneSource,
  handlers: TransportHandlers,
) => Transport;

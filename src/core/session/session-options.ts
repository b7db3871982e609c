import type { LinkTiming } from '../call/link-watch.js';
import type { KeyRequest } from '../keys/key-request.js';
import type { SessionOptions } from './session-update.js';
import type { EphemeralKey, TokenSource } from '../keys/token.js';
import type { Tool } from './tools.js';
import type { TransportFactory } from '../transport/transport.js';
import type { TransportMode } from '../transport/transport-choice.js';
import type { Conversation } from '../conversation/conversation-item.js';

export interface VoiceSessionOptions {
  /** Where the ephemeral key comes from. */
  token?: TokenSource | undefined;
  /** The host's endpoint for the unified interface: the offer goes there, no key in the browser. Wins over `token`. */
  callEndpoint?: string | undefined;
  /** Base URL of a service speaking the Realtime protocol. */
  baseUrl?: string | undefined;
  /** What the page sets in the session; the rest stays as the host's token or call handler configured it. */
  session?: SessionOptions | undefined;
  /** Constraints for the microphone we open (echo cancellation etc. on by default). */
  audioConstraints?: MediaTrackConstraints | undefined;
  /** A stream the host already opened. The session uses it and never stops its tracks. */
  microphone?: MediaStream | undefined;
  /** When a live call's link counts as stalled, and as lost (tests shorten them); see LINK_TIMING. */
  linkTiming?: LinkTiming | undefined;
  /** How long `connecting` may last before `connect_timeout`. */
  connectTimeoutMs?: number | undefined;
  /** A key fetched ahead of time (e.g. on hover); used if it is still valid, else a fresh one is fetched. */
  prefetchedKey?: Promise<EphemeralKey | undefined> | undefined;
  /** A key request already under way (made when Start was pressed): it is the first call's first attempt. */
  keyRequest?: KeyRequest | undefined;
  /** Functions the model may call in the page; declared in the session beside the host's own tools. */
  tools?: readonly Tool[] | undefined;
  /** Start with the microphone muted. */
  muted?: boolean | undefined;
  /** Replace a lost call (network drop, the service's time limit) with a new one carrying the conversation. Default true. */
  reconnect?: boolean | undefined;
  /** End the conversation this many ms after it first went live (the host's own limit). */
  maxDurationMs?: number | undefined;
  /**
   * How calls reach the service: `auto` (default) takes WebRTC and falls back to the WebSocket where WebRTC cannot
   * connect or is known broken; `webrtc` or `websocket` only; or a factory of your own.
   */
  transport?: TransportMode | TransportFactory | undefined;
  /** The model the page asked for: a WebSocket names it in its URL when the key's reply does not say it. */
  model?: string | undefined;
  /**
   * A conversation kept from an earlier page (the element's `persist`): shown first, and the first call is seeded
   * with what was said in it, as a replacement call is.
   */
  restored?: Conversation | undefined;
  /**
   * The assistant speaks first when the conversation goes live: these words as they are, or (empty) a greeting of
   * its own from its instructions. Once per conversation: a replacement call does not greet again.
   */
  greeting?: string | undefined;
  /**
   * Milliseconds the visitor's speech over a reply must last (or words it must produce) before it cuts the reply;
   * shorter sounds (a cough, a door, a keyboard) let the reply play on. Default 500; 0 lets the service cut at once.
   */
  minInterruptionMs?: number | undefined;
}

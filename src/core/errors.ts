import { redact } from './redact.js';

/**
 * Stable error codes. Hosts switch on these; the UI maps each to a localized message.
 * Never rename one: add a new code instead.
 */
export const ERROR_CODES = [
  /** Neither `token-endpoint` nor `getToken` was given. */
  'config_missing',
  /** The token endpoint could not be reached (network error). */
  'token_unreachable',
  /** The token endpoint answered with a non-2xx status. */
  'token_http_error',
  /** The token endpoint answered 2xx but not with a usable key (HTML, invalid JSON, no `value`). */
  'token_invalid',
  /** The key had already expired when it arrived. */
  'token_expired',
  /** The visitor or the browser refused the microphone. */
  'microphone_denied',
  /** No microphone, or it could not be opened. */
  'microphone_unavailable',
  /** The page embeds the element in a frame that may not use the microphone (no `allow="microphone"`). */
  'microphone_not_allowed_here',
  /** This page cannot use WebRTC or the microphone (old browser, insecure context). */
  'unsupported',
  /** The Realtime API could not be reached to exchange SDP. */
  'call_unreachable',
  /** The Realtime API refused the call (its JSON error message is passed on). */
  'call_rejected',
  /** The Realtime API answered 2xx with something that is not an SDP answer. */
  'call_invalid_answer',
  /** ICE/DTLS never connected, or the connection failed (often UDP blocked by the network). */
  'connection_failed',
  /** The connection worked, then dropped (network change, sleep, the service vanished). */
  'connection_lost',
  /** The connection did not reach `live` in time. */
  'connect_timeout',
  /** The data channel closed while the call was live. */
  'channel_closed',
  /** The server sent an `error` event (usually recoverable; the call stays open). */
  'server_error',
  /** The server sent a message that is not a valid event (not JSON, binary, or a known type with wrong fields). */
  'server_event_invalid',
  /** A message could not be sent: not connected. */
  'not_connected',
  /** An outgoing message was larger than the data channel can carry. */
  'message_too_large',
  /** Too many messages waiting for the channel to open. */
  'queue_full',
  /** A page tool's handler threw; the model was told so and the call goes on. */
  'tool_failed',
  /** The voice cannot change once the model has spoken in this conversation. */
  'voice_locked',
  /** The token endpoint or the service said it is busy (HTTP 429), also after retrying. */
  'rate_limited',
  /** The token endpoint or the service failed (HTTP 5xx), also after retrying. */
  'service_unavailable',
  /** The session reached the service's time limit (or `max-duration`) and could not be renewed. */
  'session_expired',
  /** The service refused the session settings the call opened with (its message says which); nothing of them applies. */
  'session_rejected',
  /** A reply failed on the service's side (quota, rate limit, server error: `serverCode` and the message say which). */
  'response_failed',
  /** The visitor's speech could not be transcribed; the model still heard it. */
  'transcription_failed',
  /** The chat's own code could not be loaded (the network failed, or the file is missing beside the script). */
  'load_failed',
  /** `transport="websocket"` was asked for, but the page gave only a call endpoint (the WebSocket needs a key). */
  'websocket_needs_token',
  /** WebRTC could not connect on this network, and there is no other way in (the page gave only a call endpoint). */
  'network_blocked',
  /** The host's server could not supervise the call (its control was full or unreachable), so it was not started. */
  'control_unavailable',
  /** Over the WebSocket the session's audio format is not 24 kHz PCM (the host's or the page's setting won). */
  'audio_format_unsupported',
  /** The host's own endpoint failed (a 5xx that is not the service's error passed on): a bug or outage of the site. */
  'endpoint_failed',
  /** The visitor started the same kept conversation (`persist="site"`) in another tab: this tab's call ended. */
  'taken_over',
  /** The host's limits refused the call for today: the visitor's or the site's minutes or tokens are spent. */
  'budget_exhausted',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where a failure happened: the host can tell its own endpoint's fault from the visitor's network or the service. */
export type ErrorStage =
  'config' | 'load' | 'browser' | 'microphone' | 'token' | 'call' | 'network' | 'service' | 'page';

const STAGES: Partial<Record<ErrorCode, ErrorStage>> = {
  config_missing: 'config',
  websocket_needs_token: 'config',
  load_failed: 'load',
  unsupported: 'browser',
  microphone_denied: 'microphone',
  microphone_unavailable: 'microphone',
  microphone_not_allowed_here: 'microphone',
  token_unreachable: 'token',
  token_http_error: 'token',
  token_invalid: 'token',
  token_expired: 'token',
  endpoint_failed: 'token',
  call_unreachable: 'call',
  call_rejected: 'call',
  call_invalid_answer: 'call',
  control_unavailable: 'call',
  budget_exhausted: 'call',
  connection_failed: 'network',
  connection_lost: 'network',
  connect_timeout: 'network',
  channel_closed: 'network',
  network_blocked: 'network',
  not_connected: 'page',
  message_too_large: 'page',
  queue_full: 'page',
  tool_failed: 'page',
  voice_locked: 'page',
  taken_over: 'page',
};

/** The stage a code usually comes from (busy and broken answers say which endpoint gave them). */
export const stageOf = (code: ErrorCode): ErrorStage => STAGES[code] ?? 'service';

/** An error with a stable {@link ErrorCode}. `detail` is the server's own message (keys redacted), when it gave one. */
export class VoiceError extends Error {
  override readonly name = 'VoiceError';
  readonly detail: string;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  retryAfterMs: number | undefined;
  constructor(
    readonly code: ErrorCode,
    detail = '',
    /** HTTP status, when the failure came from an HTTP answer. */
    readonly status?: number,
    /** Whether the session survives this error. */
    readonly recoverable = false,
    /** The server's own error code (`error.code` of a JSON envelope or an `error` event). */
    readonly serverCode?: string,
    /** Where it happened. */
    readonly stage: ErrorStage = stageOf(code),
  ) {
    // Servers echo keys in messages ("Incorrect API key provided: sk-…"): none reaches the UI, an event or a log.
    detail = redact(detail);
    super(detail ? `${code}: ${detail}` : code);
    this.detail = detail;
  }
}

/** A stage was abandoned because `stop()` (or a newer `start()`) superseded it. Never reported. */
export class AbortedError extends Error {
  override readonly name = 'AbortError';
}

/** `work`, or an {@link AbortedError} as soon as `signal` aborts: a closed peer never settles an offer it was making. */
export const unlessAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  signal.aborted
    ? Promise.reject(new AbortedError())
    : Promise.race([
        work,
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(new AbortedError()), { once: true }),
        ),
      ]);

export const isAbort = (e: unknown): boolean =>
  e instanceof AbortedError || (e instanceof DOMException && e.name === 'AbortError');

/**
 * An error as a {@link VoiceError}: one already is; one that carries a known `code` (a host's `getToken` may throw
 * `Object.assign(new Error(message), {code, status})`) keeps it; anything else gets `fallback`.
 */
export function asVoiceError(e: unknown, fallback: ErrorCode): VoiceError {
  if (e instanceof VoiceError) return e;
  const { code, status, message } = (e ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
  const known = (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : fallback;
  return new VoiceError(
    known,
    typeof message === 'string' ? message : String(e),
    typeof status === 'number' ? status : undefined,
  );
}

import * as z from 'zod/mini';
import { AbortedError, asVoiceError, VoiceError } from '../errors.js';
import type { KeyRequest } from './key-request.js';
import { httpErrorCode, retryAfterMs, withRetry } from './retry.js';
import type { TokenReply, TokenSource } from './token-source.js';

/** A short-lived key for one or more calls. `expiresAt` is epoch seconds, when the server said. */
export interface EphemeralKey {
  value: string;
  expiresAt?: number;
  /** The model of the session the key was minted for (a WebSocket names it in its URL). */
  model?: string;
  /** The host server's ticket to attach its control to the call this key starts (`rvc-call` passes it on). */
  ticket?: string;
}

export type { TokenReply, TokenSource } from './token-source.js';

const secret = z.object({ value: z.string(), expires_at: z.optional(z.number()) });
// GA puts the key at the top level; the beta shape nested it in client_secret.
const reply = z.object({
  value: z.optional(z.string()),
  expires_at: z.optional(z.number()),
  client_secret: z.optional(secret),
  session: z.optional(z.object({ model: z.optional(z.string()) })),
  attach_ticket: z.optional(z.string()),
});

/** Validates any accepted reply shape and returns the key. */
export function parseTokenReply(data: unknown): EphemeralKey {
  const parsed = typeof data === 'string' ? { value: data } : reply.safeParse(data).data;
  const found = parsed?.value !== undefined ? parsed : parsed?.client_secret;
  if (!found?.value) throw new VoiceError('token_invalid', 'the reply has no key `value`');
  const key: EphemeralKey = { value: found.value };
  if (found.expires_at !== undefined) key.expiresAt = found.expires_at;
  const whole = typeof data === 'object' ? reply.safeParse(data).data : undefined;
  if (whole?.session?.model) key.model = whole.session.model;
  if (whole?.attach_ticket) key.ticket = whole.attach_ticket;
  if (key.expiresAt !== undefined && key.expiresAt * 1000 <= Date.now()) throw new VoiceError('token_expired');
  return key;
}

/**
 * Fetches a key from the source. Errors are {@link VoiceError}s; an abort rejects with {@link AbortedError}. An
 * endpoint that cannot be reached, is busy (429) or fails (5xx) is tried again with backoff; a refusal is not.
 * `early` is a request already under way: it serves as the first attempt.
 */
export async function getEphemeralKey(
  source: TokenSource,
  signal: AbortSignal,
  early?: KeyRequest,
): Promise<EphemeralKey> {
  if (source.getToken)
    return fromHost(
      early && 'reply' in early ? early.reply : Promise.resolve().then(() => source.getToken(signal)),
      signal,
    );
  let first = early && 'response' in early ? early.response : undefined;
  return withRetry(() => {
    const pending = first;
    first = undefined;
    return fromEndpoint(pending ?? post(source.endpoint, source.body, signal), signal);
  }, signal);
}

/** POSTs to a token endpoint: same-origin credentials, a JSON body only when there is one (e.g. the model). */
function post(endpoint: string, body: Record<string, unknown> | undefined, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = body
    ? { accept: 'application/json', 'content-type': 'application/json' }
    : { accept: 'application/json' };
  return fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    signal,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function fromHost(reply: Promise<TokenReply>, signal: AbortSignal): Promise<EphemeralKey> {
  let result: TokenReply;
  try {
    result = await reply;
  } catch (e) {
    if (signal.aborted) throw new AbortedError();
    throw asVoiceError(e, 'token_unreachable');
  }
  if (signal.aborted) throw new AbortedError();
  return parseTokenReply(result);
}

async function fromEndpoint(request: Promise<Response>, signal: AbortSignal): Promise<EphemeralKey> {
  let response: Response;
  try {
    response = await request;
  } catch (e) {
    if (signal.aborted) throw new AbortedError();
    throw new VoiceError('token_unreachable', e instanceof Error ? e.message : String(e));
  }
  const text = await readText(response, signal);
  if (!response.ok)
    throw refusalError(response.status, text, 'token_http_error', true, response.headers.get('retry-after'));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const kind = /^\s*</.test(text) ? 'an HTML page' : 'text that is not JSON';
    throw new VoiceError('token_invalid', `the endpoint answered with ${kind}`, response.status);
  }
  return parseTokenReply(data);
}

const envelope = z.object({
  error: z.object({ message: z.optional(z.string()), code: z.optional(z.nullable(z.string())) }),
});

/**
 * A non-2xx answer as a coded error. From the host's own endpoint (`host`), a 5xx that is not an error envelope (an
 * HTML error page, an empty body) or a guard that threw is the site's fault, `endpoint_failed`; the service's errors
 * passed on in the envelope stay `service_unavailable`.
 */
export function refusalError(
  status: number,
  text: string,
  refusal: 'token_http_error' | 'call_rejected',
  host: boolean,
  retryAfter?: string | null,
): VoiceError {
  const error = refusalCode(status, text, refusal, host);
  error.retryAfterMs = retryAfterMs(retryAfter);
  return error;
}

function refusalCode(
  status: number,
  text: string,
  refusal: 'token_http_error' | 'call_rejected',
  host: boolean,
): VoiceError {
  const message = errorMessage(text) ?? `HTTP ${status}`;
  const code = envelopeCode(text);
  const stage = refusal === 'token_http_error' ? 'token' : 'call';
  if (code === 'control_unavailable') return new VoiceError('control_unavailable', message, status, false, code, stage);
  if (code === 'budget_exhausted') return new VoiceError('budget_exhausted', message, status, false, code, stage);
  if (host && status >= 500 && (code === undefined || code === 'guard_failed')) {
    return new VoiceError('endpoint_failed', message, status, false, code, stage);
  }
  return new VoiceError(httpErrorCode(status, refusal), message, status, false, code ?? undefined, stage);
}

/** The `code` of a JSON error envelope: undefined when the text is none, null when it names none. */
function envelopeCode(text: string): string | null | undefined {
  try {
    const parsed = envelope.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data.error.code ?? null) : undefined;
  } catch {
    return undefined;
  }
}

/** The `message` of an OpenAI-style JSON error envelope, if the text is one. */
export function errorMessage(text: string): string | undefined {
  try {
    const parsed = envelope.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message ?? parsed.data.error.code ?? undefined;
  } catch {
    // not JSON: the caller falls back to the status
  }
  return undefined;
}

/** Reads a body, turning a mid-body abort into {@link AbortedError}. */
export async function readText(response: Response, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch {
    if (signal.aborted) throw new AbortedError();
    return '';
  }
}

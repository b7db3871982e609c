import { AbortedError, VoiceError } from '../errors.js';

/** Waits before the second and third try. Two retries at most: a visitor is waiting. */
const BACKOFF_MS = [500, 1500];
/** A server that asks for a longer pause (`Retry-After`) is not tried again: the visitor hears why now instead. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** `Retry-After` in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Failures that may pass on their own: the network, a busy or broken service. A refusal (other 4xx) never does. */
const RETRYABLE = new Set([
  'token_unreachable',
  'call_unreachable',
  'rate_limited',
  'service_unavailable',
  'endpoint_failed',
]);

/** The code for a non-2xx answer: busy (429) and broken (5xx) are told apart from a refusal. */
export const httpErrorCode = <C extends 'token_http_error' | 'call_rejected'>(
  status: number,
  refusal: C,
): C | 'rate_limited' | 'service_unavailable' =>
  status === 429 ? 'rate_limited' : status >= 500 ? 'service_unavailable' : refusal;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      if (signal.aborted) reject(new AbortedError());
      else resolve();
    }
  });

/** Runs `attempt`, trying again with backoff while its failure is one that may pass; stops at once on abort. */
export async function withRetry<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof VoiceError) || !RETRYABLE.has(e.code) || tries >= BACKOFF_MS.length) throw e;
      // The server's own word on when to come back wins over the backoff, within what a waiting visitor bears.
      const asked = e.retryAfterMs ?? 0;
      if (asked > MAX_RETRY_AFTER_MS) throw e;
      await wait(Math.max(BACKOFF_MS[tries], asked), signal);
    }
  }
}

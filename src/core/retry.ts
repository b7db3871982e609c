import { AbortedError, VoiceError } from './errors.js';

/** Waits before the second and third try. Two retries at most: a visitor is waiting. */
const BACKOFF_MS = [500, 1500];

/** Failures that may pass on their own: the network, a busy or broken service. A refusal (other 4xx) never does. */
const RETRYABLE = new Set(['token_unreachable', 'call_unreachable', 'rate_limited', 'service_unavailable', 'endpoint_failed']);

/** The code for a non-2xx answer: busy (429) and broken (5xx) are told apart from a refusal. */
export const httpErrorCode = <C extends 'token_http_error' | 'call_rejected'>(status: number, refusal: C): C | 'rate_limited' | 'service_unavailable' =>
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
      await wait(BACKOFF_MS[tries]!, signal);
    }
  }
}

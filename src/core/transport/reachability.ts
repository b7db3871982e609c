import { DEFAULT_BASE_URL, realtimeUrl } from '../protocol/api.js';

// While the service cannot be reached, a fresh try this often, each given this long (a dead try's TCP backs off).
const TRY_EVERY_MS = 1000;
// A try refused at once (no network, no route yet: nothing left the device) is repeated this soon.
const REFUSED_AGAIN_MS = 250;

/**
 * Resolves true once `url` answers at all (any HTTP status: the path is back), trying afresh every second; false when
 * `windowMs` passed first or `signal` aborted. A HEAD without CORS: nothing is read and nothing is sent but the request.
 */
export async function waitForReach(url: string, windowMs: number, signal: AbortSignal): Promise<boolean> {
  const until = performance.now() + windowMs;
  while (!signal.aborted && performance.now() < until) {
    const started = performance.now();
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    const timer = setTimeout(stop, TRY_EVERY_MS);
    signal.addEventListener('abort', stop, { once: true });
    try {
      await fetch(url, {
        method: 'HEAD',
        mode: 'no-cors',
        cache: 'no-store',
        credentials: 'omit',
        signal: attempt.signal,
      });
      return !signal.aborted;
    } catch {
      // Unreachable still: try again when this try's second is over.
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
    const took = performance.now() - started;
    const rest = (took < REFUSED_AGAIN_MS ? REFUSED_AGAIN_MS : TRY_EVERY_MS) - took;
    if (rest > 0 && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  return false;
}

/** What is asked whether the service answers: the host's call endpoint if it has one, else the service's. */
export const reachUrl = ({
  callEndpoint,
  baseUrl,
}: {
  callEndpoint?: string | undefined;
  baseUrl?: string | undefined;
}) => callEndpoint ?? realtimeUrl(baseUrl ?? DEFAULT_BASE_URL, 'calls');

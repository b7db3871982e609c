import type { KeyRequest } from '../core/keys/key-request.js';
import type { TokenReply, TokenSource } from '../core/keys/token-source.js';

/**
 * Starts fetching a key from `source` the moment Start is pressed, without reading the answer: the session code,
 * loading meanwhile, reads it (and retries) as it reads its own requests (core/keys/token.ts makes them the same way).
 */
export function requestKey(source: TokenSource, signal: AbortSignal): KeyRequest {
  if (source.getToken) {
    const getToken = source.getToken;
    // Asked at once (in the visitor's gesture), like the endpoint's fetch; a throw becomes a rejection.
    return handled({ reply: new Promise<TokenReply>((resolve) => resolve(getToken(signal))) });
  }
  const { endpoint, body } = source;
  const headers: Record<string, string> = body
    ? { accept: 'application/json', 'content-type': 'application/json' }
    : { accept: 'application/json' };
  return handled({
    response: fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      signal,
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
  });
}

// A Stop before the session code loaded leaves the request unread: its abort must not reach the page as unhandled.
function handled<T extends KeyRequest>(request: T): T {
  for (const pending of Object.values(request) as Promise<unknown>[]) pending.catch(() => {});
  return request;
}

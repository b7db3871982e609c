import { redact } from '../core/redact.js';

export interface TokenHandlerOptions {
  /** The server's standard API key (`sk-…`). Never sent to the browser, never logged. */
  apiKey: string;
  /** Base URL of the Realtime service (default `https://api.openai.com/v1`). */
  baseUrl?: string;
  /** Session config fixed by the server (GA shape; `type: "realtime"` is added). */
  session?: Record<string, unknown>;
  /** Lifetime of each key, 10–7200 s (default 600). */
  ttlSeconds?: number;
  /** Models a browser may ask for with `{"model": "…"}`; anything else is refused. Default: none. */
  allowModels?: readonly string[];
  /**
   * Origins (`https://shop.example`) whose pages may ask for keys. When set, a request from any other origin, or with
   * no `Origin` header, is refused with 403. Default: any (put the endpoint behind your own auth instead).
   */
  allowOrigins?: readonly string[];
  /** Your sign-in check: `false` refuses with 401; a `Response` is sent as it is. Runs before anything else costs. */
  authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * Your rate limit, asked once per request after `authorize`: `true` lets it through; `false`, or the seconds to
   * wait, refuses it with 429 (and `Retry-After`). Keys cost money: limit per visitor or session.
   */
  rateLimit?: (request: Request) => boolean | number | Promise<boolean | number>;
  /** The fetch to call upstream with (tests, proxies). */
  fetch?: typeof fetch;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}): Response => {
  const response = json(status, { error: { type: 'invalid_request_error', code, message, param: null } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
};

/** The first refusal of the host's own checks (origin, sign-in, rate limit), or undefined when all pass. */
async function refusal(request: Request, options: TokenHandlerOptions): Promise<Response | undefined> {
  const origin = request.headers.get('origin');
  if (options.allowOrigins && !(origin && options.allowOrigins.includes(origin))) {
    return problem(403, 'origin_not_allowed', 'this page may not start voice sessions');
  }
  const authorized = (await options.authorize?.(request)) ?? true;
  if (authorized instanceof Response) return authorized;
  if (!authorized) return problem(401, 'unauthorized', 'sign in to start a voice session');
  const limit = (await options.rateLimit?.(request)) ?? true;
  if (limit !== true) {
    const wait = typeof limit === 'number' ? Math.max(1, Math.ceil(limit)) : 60;
    return problem(429, 'rate_limited', 'too many voice sessions; try again later', { 'retry-after': String(wait) });
  }
  return undefined;
}

async function requestedModel(request: Request): Promise<string | undefined> {
  if (!request.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    const body = (await request.json()) as { model?: unknown };
    return typeof body?.model === 'string' ? body.model : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Fetch-API handler that mints an ephemeral key: `POST` → `{value, expires_at}` (plus the effective `session`).
 * It calls `{baseUrl}/realtime/client_secrets` with the server's key; upstream errors come back with their status and
 * message (keys redacted); the server's key never appears in a response or a log line.
 */
export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  const { apiKey, baseUrl = 'https://api.openai.com/v1', session = {}, allowModels = [] } = options;
  const ttl = Math.min(7200, Math.max(10, Math.round(options.ttlSeconds ?? 600)));
  const upstreamFetch = options.fetch ?? fetch;
  if (!apiKey) throw new Error('createTokenHandler needs an apiKey');

  return async (request) => {
    if (request.method !== 'POST') {
      return new Response(null, { status: 405, headers: { allow: 'POST' } });
    }
    const refused = await refusal(request, options);
    if (refused) return refused;
    const model = await requestedModel(request);
    if (model !== undefined && !allowModels.includes(model)) {
      return problem(400, 'model_not_allowed', `this endpoint does not offer the model "${model}"`);
    }
    const body = {
      expires_after: { anchor: 'created_at', seconds: ttl },
      session: { ...session, type: 'realtime', ...(model ? { model } : {}) },
    };
    let upstream: Response;
    try {
      upstream = await upstreamFetch(`${baseUrl.replace(/\/+$/, '')}/realtime/client_secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      return problem(502, 'upstream_unreachable', 'the Realtime API could not be reached');
    }
    const text = await upstream.text();
    let data: { value?: unknown; expires_at?: unknown; session?: unknown; error?: { message?: unknown; code?: unknown; type?: unknown; param?: unknown } };
    try {
      data = JSON.parse(text);
    } catch {
      return problem(502, 'upstream_invalid', `the Realtime API answered HTTP ${upstream.status} without JSON`);
    }
    if (!upstream.ok || typeof data.value !== 'string') {
      const message = typeof data.error?.message === 'string' ? redact(data.error.message) : `HTTP ${upstream.status}`;
      const code = typeof data.error?.code === 'string' ? data.error.code : 'upstream_error';
      const param = typeof data.error?.param === 'string' ? data.error.param : null;
      return json(upstream.ok ? 502 : upstream.status, { error: { type: data.error?.type ?? 'api_error', code, message, param } });
    }
    return json(200, { value: data.value, expires_at: data.expires_at, session: data.session });
  };
}

import { redact } from '../core/redact.js';

export { DEFAULT_BASE_URL } from '../core/protocol/api.js';

/** The checks a host puts in front of anything that spends its API key (keys and calls cost money). */
export interface GuardOptions {
  /**
   * Origins (`https://shop.example`) whose pages may start sessions; a request from any other origin, or with no
   * `Origin` header, is refused with 403. Required: a handler made without it refuses to be created, since any page
   * on any site could otherwise spend your key from its visitors' browsers. `'*'` lets every origin through, on
   * purpose (an endpoint behind your own sign-in, `authorize`).
   */
  allowOrigins?: readonly string[] | '*';
  /**
   * Your sign-in check, run before anything else costs. It lets a request through only by returning `true`; a
   * `Response` is sent as it is; anything else (`false`, `undefined`, `null`, another value) refuses it with 401, and
   * a throw with 500 `guard_failed` — a check that forgets to `return` fails closed.
   */
  authorize?: (request: Request) => unknown;
  /**
   * Your rate limit, asked once per request after `authorize`. It lets a request through only by returning `true`;
   * the seconds to wait refuse it with 429 and `Retry-After`; anything else (`false`, `undefined`, a non-finite
   * number) refuses it with 429 and a minute's wait, and a throw with 500 `guard_failed`. Limit per visitor or session.
   */
  rateLimit?: (request: Request) => unknown;
  /** Milliseconds to wait for the Realtime API before answering 504 `upstream_timeout` (default 10 000). */
  upstreamTimeoutMs?: number;
}

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/** An error in the API's own envelope, so the element reads it like one from the API. */
export const problem = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response => {
  const response = json(status, { error: { type: 'invalid_request_error', code, message, param: null } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
};

/** What a visitor sent, as an error message may quote it: short, and keys redacted. */
export const quoted = (text: string): string => redact(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/**
 * The first refusal before anything is read or spent: not a POST, then the host's own checks (origin, sign-in, rate
 * limit), each failing closed. Undefined when all pass. Reads headers only: the body is read later, and bounded.
 */
export async function refusal(request: Request, options: GuardOptions): Promise<Response | undefined> {
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
  const origin = request.headers.get('origin');
  const allowed = options.allowOrigins;
  if (allowed !== '*' && !(origin && allowed?.includes(origin))) {
    return problem(403, 'origin_not_allowed', 'this page may not start voice sessions');
  }
  try {
    if (options.authorize) {
      const answer = await options.authorize(request);
      if (answer instanceof Response) return answer;
      if (answer !== true) return problem(401, 'unauthorized', 'sign in to start a voice session');
    }
    if (options.rateLimit) {
      const answer = await options.rateLimit(request);
      if (answer !== true) {
        const asked = typeof answer === 'number' && Number.isFinite(answer) && answer >= 0 ? answer : 60;
        const wait = Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(asked)));
        return problem(429, 'rate_limited', 'too many voice sessions; try again later', {
          'retry-after': String(wait),
        });
      }
    }
  } catch {
    return problem(500, 'guard_failed', 'the server could not check this request');
  }
  return undefined;
}

/** Safe by default: a handler that would let any page spend the key is not made unless the host says so. */
export function requireOrigins(handler: string, options: GuardOptions): void {
  const allowed = options.allowOrigins;
  if (allowed === '*' || (Array.isArray(allowed) && allowed.length > 0)) return;
  throw new Error(
    `${handler} needs allowOrigins: the origins of your pages, e.g. ['https://shop.example'] ` +
      `(or allowOrigins: '*' to let any page start sessions, behind your own authorize)`,
  );
}

/** A page may pick a model only from the host's list; undefined when it picked none or an allowed one. */
export const modelRefusal = (model: string | undefined, allowModels: readonly string[]): Response | undefined =>
  model === undefined || allowModels.includes(model)
    ? undefined
    : problem(400, 'model_not_allowed', `this endpoint does not offer the model "${quoted(model)}"`);

/** The session sent upstream: the host's fixed config, GA-typed, with the page's (allowed) model. */
export const upstreamSession = (
  session: Record<string, unknown>,
  model: string | undefined,
): Record<string, unknown> => ({ ...session, type: 'realtime', ...(model ? { model } : {}) });

/**
 * Calls the Realtime API, bounded: it gives up after the timeout (504 `upstream_timeout`) and as soon as the visitor
 * goes away; an unreachable service is 502 `upstream_unreachable`. Resolves with the answer and its body text.
 */
export async function callUpstream(
  request: Request,
  options: GuardOptions,
  send: (signal: AbortSignal) => Promise<Response>,
): Promise<{ response: Response; text: string } | Response> {
  const timeout = AbortSignal.timeout(options.upstreamTimeoutMs ?? 10_000);
  const signal = AbortSignal.any([timeout, request.signal]);
  try {
    const response = await send(signal);
    return { response, text: await response.text() };
  } catch {
    if (timeout.aborted) return problem(504, 'upstream_timeout', 'the Realtime API did not answer in time');
    if (request.signal.aborted) return problem(499, 'client_closed', 'the page went away');
    return problem(502, 'upstream_unreachable', 'the Realtime API could not be reached');
  }
}

/** The longest wait a refusal asks of a visitor, whoever asked for more (the host's limit or the service). */
export const MAX_RETRY_AFTER_S = 3600;

// Told to the browser with a refusal so it can wait as long as the service asks.
const PASSED_HEADERS = /^(retry-after|x-ratelimit-[\w-]+)$/i;

/** A header passed on: short, keys redacted, and `Retry-After` at most an hour (seconds, or a date within one). */
function passedHeader(name: string, value: string): string | undefined {
  if (name.toLowerCase() !== 'retry-after') return redact(value).slice(0, 200);
  const seconds = /^\d{1,10}$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? String(Math.min(MAX_RETRY_AFTER_S, Math.max(0, Math.ceil(seconds)))) : undefined;
}

/** A field of the upstream error as the page may see it: a short string, keys redacted. */
const field = (value: unknown, fallback: string | null): string | null =>
  typeof value === 'string' ? redact(value).slice(0, 2000) : fallback;

/**
 * An upstream error passed on with its status, code and message (keys redacted), never its internals; `Retry-After`
 * and `x-ratelimit-*` go along. A refusal without a JSON body keeps its status (a 400 stays a 400, not a 502 the
 * element would retry as "service unavailable").
 */
export function passOn(upstream: Response, text: string): Response {
  const { status } = upstream;
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    const passed = PASSED_HEADERS.test(name) ? passedHeader(name, value) : undefined;
    if (passed !== undefined) headers[name] = passed;
  });
  const kept = status >= 400 ? status : 502;
  let data: { error?: { message?: unknown; code?: unknown; type?: unknown; param?: unknown } } | undefined;
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    return problem(kept, 'upstream_error', `the Realtime API answered HTTP ${status} without a JSON body`, headers);
  }
  const error = data?.error;
  const message = field(error?.message, `HTTP ${status}`);
  const code = field(error?.code, 'upstream_error');
  const param = field(error?.param, null);
  const type = field(error?.type, 'api_error');
  const response = json(kept, { error: { type, code, message, param } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** A call refused or ended because the host's server could not control it (fail closed); the element says so. */
export const controlUnavailable = (): Response =>
  problem(503, 'control_unavailable', 'the server cannot supervise a voice session right now; try again shortly', {
    'retry-after': '5',
  });

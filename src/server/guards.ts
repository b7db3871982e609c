import { redact } from '../core/redact.js';

export { DEFAULT_BASE_URL } from '../core/api.js';

/** The checks a host puts in front of anything that spends its API key (keys and calls cost money). */
export interface GuardOptions {
  /**
   * Origins (`https://shop.example`) whose pages may start sessions. When set, a request from any other origin, or
   * with no `Origin` header, is refused with 403. Default: any (put the endpoint behind your own auth instead).
   */
  allowOrigins?: readonly string[];
  /** Your sign-in check: `false` refuses with 401; a `Response` is sent as it is. Runs before anything else costs. */
  authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * Your rate limit, asked once per request after `authorize`: `true` lets it through; `false`, or the seconds to
   * wait, refuses it with 429 (and `Retry-After`). Limit per visitor or session.
   */
  rateLimit?: (request: Request) => boolean | number | Promise<boolean | number>;
}

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/** An error in the API's own envelope, so the element reads it like one from the API. */
export const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}): Response => {
  const response = json(status, { error: { type: 'invalid_request_error', code, message, param: null } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
};

/**
 * The first refusal before anything upstream is spent: not a POST, then the host's own checks (origin, sign-in, rate
 * limit). Undefined when all pass.
 */
export async function refusal(request: Request, options: GuardOptions): Promise<Response | undefined> {
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
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

/** A page may pick a model only from the host's list; undefined when it picked none or an allowed one. */
export const modelRefusal = (model: string | undefined, allowModels: readonly string[]): Response | undefined =>
  model === undefined || allowModels.includes(model) ? undefined : problem(400, 'model_not_allowed', `this endpoint does not offer the model "${model}"`);

/** The session sent upstream: the host's fixed config, GA-typed, with the page's (allowed) model. */
export const upstreamSession = (session: Record<string, unknown>, model: string | undefined): Record<string, unknown> => ({ ...session, type: 'realtime', ...(model ? { model } : {}) });

export const unreachable = (): Response => problem(502, 'upstream_unreachable', 'the Realtime API could not be reached');

// Told to the browser with a refusal so it can wait as long as the service asks.
const PASSED_HEADERS = /^(retry-after|x-ratelimit-[\w-]+)$/i;

/**
 * An upstream error passed on with its status, code and message (keys redacted), never its internals; `Retry-After`
 * and `x-ratelimit-*` go along. A refusal without a JSON body keeps its status (a 400 stays a 400, not a 502 the
 * element would retry as "service unavailable").
 */
export function passOn(upstream: Response, text: string): Response {
  const { status } = upstream;
  const headers: Record<string, string> = {};
  upstream.headers.forEach((value, name) => PASSED_HEADERS.test(name) && (headers[name] = value));
  const kept = status >= 400 ? status : 502;
  let data: { error?: { message?: unknown; code?: unknown; type?: unknown; param?: unknown } } | undefined;
  try {
    data = JSON.parse(text);
  } catch {
    return problem(kept, 'upstream_error', `the Realtime API answered HTTP ${status} without a JSON body`, headers);
  }
  const error = data?.error;
  const message = typeof error?.message === 'string' ? redact(error.message) : `HTTP ${status}`;
  const code = typeof error?.code === 'string' ? error.code : 'upstream_error';
  const param = typeof error?.param === 'string' ? error.param : null;
  const type = typeof error?.type === 'string' ? error.type : 'api_error';
  const response = json(kept, { error: { type, code, message, param } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

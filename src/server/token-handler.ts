import { realtimeUrl } from '../core/protocol/api.js';
import { BodyTooLarge, readText } from './body.js';
import type { CallControl } from './call-control.js';
import type { Limits } from './limits/limits.js';
import { pageTools, withPageTools, type PageTool } from './page-tools.js';
import {
  callUpstream,
  controlUnavailable,
  DEFAULT_BASE_URL,
  json,
  modelRefusal,
  passOn,
  problem,
  refusal,
  requireOrigins,
  upstreamSession,
  type GuardOptions,
} from './guards.js';

export interface TokenHandlerOptions extends GuardOptions {
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
  /** The fetch to call upstream with (tests, proxies). */
  fetch?: typeof fetch;
  /**
   * The control that will attach to the calls these keys start (token path): no key is minted while it has no free
   * slot (503 `control_unavailable`), and each key comes with an `attach_ticket` for its one call.
   */
  control?: CallControl;
  /**
   * Visitor and site limits on the keys minted ({@link createLimits}): a key is one conversation. Calls open at once,
   * minutes and tokens are counted by the call endpoint's control, which sees each call's use and end.
   */
  limits?: Limits;
}

/** A key request's body names a model and the page's tool declarations at most: more than this is not one. */
export const MAX_TOKEN_BODY_BYTES = 64 * 1024;

/** What a page asked for (`{"model": …, "tools": […]}`), read only after the guards passed, and bounded. */
async function keyRequest(request: Request): Promise<{ model?: string; tools: PageTool[] }> {
  const text = await readText(request, MAX_TOKEN_BODY_BYTES);
  if (!text || !request.headers.get('content-type')?.includes('application/json')) return { tools: [] };
  try {
    const body = JSON.parse(text) as { model?: unknown };
    return { ...(typeof body?.model === 'string' && { model: body.model }), tools: pageTools(body) };
  } catch {
    return { tools: [] };
  }
}

/**
 * A Fetch-API handler that mints an ephemeral key: `POST` → `{value, expires_at}` (plus the effective `session`).
 * The guards run first, on headers alone; then the body is read (64 KiB at most, else 413); then it calls
 * `{baseUrl}/realtime/client_secrets` with the server's key, bounded in time. Upstream errors come back with their
 * status and message (keys redacted); the server's key never appears in a response or a log line.
 */
export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  const { apiKey, baseUrl = DEFAULT_BASE_URL, session = {}, allowModels = [] } = options;
  const ttl = Math.min(7200, Math.max(10, Math.round(options.ttlSeconds ?? 600)));
  const upstreamFetch = options.fetch ?? fetch;
  if (!apiKey) throw new Error('createTokenHandler needs an apiKey');
  requireOrigins('createTokenHandler', options);
  if (options.limits?.needsControl) {
    throw new Error(
      'createTokenHandler counts conversations; calls open at once, minutes and tokens are counted by createCallHandler with control',
    );
  }

  return async (request) => {
    const refused = await refusal(request, options);
    if (refused) return refused;
    let model: string | undefined;
    let tools: PageTool[];
    try {
      ({ model, tools } = await keyRequest(request));
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return problem(413, 'body_too_large', `a key request is at most ${MAX_TOKEN_BODY_BYTES} bytes`);
      throw e;
    }
    const notOffered = modelRefusal(model, allowModels);
    if (notOffered) return notOffered;
    // Fail closed: a key whose call could not be controlled is never minted.
    if (options.control?.full) return controlUnavailable();
    const admitted = await options.limits?.admit(request);
    if (admitted instanceof Response) return admitted;
    const body = {
      expires_after: { anchor: 'created_at', seconds: ttl },
      session: upstreamSession(withPageTools(session, tools), model),
    };
    const answered = await callUpstream(request, options, (signal) =>
      upstreamFetch(realtimeUrl(baseUrl, 'client_secrets'), {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      }),
    );
    if (answered instanceof Response) {
      await admitted?.cancel();
      return answered;
    }
    const { response: upstream, text } = answered;
    let data: { value?: unknown; expires_at?: unknown; session?: unknown } | undefined;
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      // passOn names the status of a body that is not JSON.
    }
    if (!upstream.ok || typeof data?.value !== 'string') {
      await admitted?.cancel();
      return passOn(upstream, text);
    }
    const reply: Record<string, unknown> = { value: data.value, expires_at: data.expires_at, session: data.session };
    if (options.control) reply.attach_ticket = await options.control.ticket();
    return json(200, reply);
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../server/node-adapter.js';
import { RealtimeCall } from './call.js';
import { preflight, withCors } from './cors.js';
import { apiError } from './errors.js';
import { faultIn, type Fault } from './faults.js';
import { bearer, KeyStore } from './keys.js';
import { OfferError } from './peer.js';
import { applySessionUpdate, ConfigError, defaultSession, type SessionConfig } from './session-config.js';

/** Artificial latency per stage, in ms, to imitate a real network and service (benchmarks). */
export interface StandInDelays {
  /** Before answering `POST /realtime/client_secrets`. */
  clientSecrets?: number;
  /** Before answering `POST /realtime/calls` (the SDP exchange). */
  calls?: number;
  /** From `response.create` to the first audio packet of the reply. */
  reply?: number;
}

export interface StandInOptions {
  /** Loopback address to bind (HTTP and WebRTC). */
  host?: string;
  port?: number;
  delays?: StandInDelays;
}

export interface StandIn {
  /** `http://127.0.0.1:PORT/v1` — use as `base-url`, or as the token handler's upstream. */
  baseUrl: string;
  handler: (request: Request) => Promise<Response>;
  calls: Map<string, RealtimeCall>;
  close(): Promise<void>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const sleep = (ms = 0) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

const betaGone = () =>
  apiError(400, 'beta_api_shape_disabled', 'The Realtime API beta shape has been shut down. Use POST /v1/realtime/client_secrets and POST /v1/realtime/calls.');

/** A session config from a request (over the defaults), or the API's 400 naming the field it refuses. */
function sessionFrom(update: unknown): SessionConfig | Response {
  try {
    return update === undefined ? defaultSession() : applySessionUpdate(defaultSession(), update);
  } catch (e) {
    if (e instanceof ConfigError) return apiError(400, e.code, e.message, e.param);
    throw e;
  }
}

/**
 * The offer and session of a `POST /realtime/calls`: `application/sdp` with an ephemeral key minted here (its session
 * comes from the key), or `multipart/form-data` (`sdp` + `session` parts) with a standard `sk-` key (the unified
 * interface: a host server relays the page's offer).
 */
async function readOffer(request: Request, keys: KeyStore): Promise<{ sdp: string; session: SessionConfig; key: string } | Response> {
  const key = bearer(request) ?? '';
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    if (!key.startsWith('sk-')) return apiError(401, 'invalid_api_key', 'The unified interface needs a standard API key.');
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return apiError(400, 'invalid_multipart', 'The multipart body could not be read.');
    }
    const sdp = form.get('sdp');
    if (sdp === null) return apiError(400, 'missing_required_parameter', 'Missing the sdp part.', 'sdp');
    const part = form.get('session');
    let update: unknown;
    try {
      update = part === null ? undefined : JSON.parse(typeof part === 'string' ? part : await part.text());
    } catch {
      return apiError(400, 'invalid_json', 'The session part is not JSON.', 'session');
    }
    const session = sessionFrom(update);
    if (session instanceof Response) return session;
    return { sdp: typeof sdp === 'string' ? sdp : await sdp.text(), session, key };
  }
  const minted = keys.find(key);
  if (!minted) return apiError(401, 'invalid_api_key', 'The ephemeral key is missing, unknown or expired.');
  if (!type.startsWith('application/sdp')) {
    return apiError(400, 'invalid_content_type', 'Send the offer SDP with Content-Type: application/sdp, or multipart/form-data with sdp and session.');
  }
  return { sdp: await request.text(), session: structuredClone(minted.session), key };
}

/**
 * The local imitation of the OpenAI Realtime API: client secrets, WebRTC calls (SDP), hangup, and the beta routes
 * answering the way the real API does now. `GET /v1/stand-in/calls/{id}` (stand-in only) reports what a call heard.
 */
export function createStandInHandler(host: string, delays: StandInDelays = {}): Pick<StandIn, 'handler' | 'calls'> {
  const keys = new KeyStore();
  const calls = new Map<string, RealtimeCall>();
  // Ended calls stay readable for a while so a test can ask what a call heard after it hung up.
  const closed = new Map<string, RealtimeCall>();
  function remember(call: RealtimeCall) {
    closed.set(call.id, call);
    if (closed.size > 100) closed.delete(closed.keys().next().value!);
  }


  // `-once` faults already served, by tag.
  const servedOnce = new Set<string>();
  /** True the first time a `-once` fault's tag is seen: that request fails, the ones after it go well. */
  const firstOf = (tag: string) => !servedOnce.has(tag) && !!servedOnce.add(tag);

  /** The answer a `/realtime/calls` fault gives instead of a call, if it gives one. */
  async function refuseCall(fault: Fault | undefined, tag: string, signal: AbortSignal): Promise<Response | undefined> {
    switch (fault) {
      case 'calls-400':
        return apiError(400, 'invalid_offer', 'The stand-in refused this offer (fault calls-400).', 'sdp');
      case 'calls-401':
        return apiError(401, 'invalid_api_key', 'The ephemeral key has expired (fault calls-401).');
      case 'calls-429':
        return apiError(429, 'rate_limit_exceeded', 'Too many calls are starting (fault calls-429).', null, 'rate_limit_error');
      case 'calls-500-once':
      case 'calls-500':
        if (fault === 'calls-500-once' && !firstOf(tag)) return undefined;
        return apiError(500, 'server_error', 'The server had an error while processing your request (fault calls-500).', null, 'server_error');
      case 'calls-non-sdp':
        return json(201, { id: 'rtc_fault', note: 'JSON where SDP belongs (fault calls-non-sdp)' });
      case 'calls-hang':
        // Never answers; gives up only when the client does (or after two minutes).
        await new Promise((resolve) => {
          signal.addEventListener('abort', resolve, { once: true });
          setTimeout(resolve, 120_000).unref();
        });
        return apiError(504, 'timeout', 'The stand-in hung on purpose (fault calls-hang).');
      default:
        return undefined;
    }
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const { fault, tag, path: unfaulted } = faultIn(url.pathname);
    const path = unfaulted.replace(/\/+$/, '');
    if (request.method === 'OPTIONS') return preflight(request);

    if (request.method === 'GET' && path.startsWith('/v1/stand-in/calls/')) {
      const call = calls.get(path.split('/').pop()!) ?? closed.get(path.split('/').pop()!);
      return call ? json(200, call.report()) : apiError(404, 'call_not_found', 'No such call.');
    }
    if (request.method !== 'POST') return apiError(404, 'not_found', `Unknown route: ${request.method} ${url.pathname}`);
    if (path === '/v1/realtime/sessions' || path === '/v1/realtime/transcription_sessions' || path === '/v1/realtime') return betaGone();

    if (path === '/v1/realtime/client_secrets') {
      await sleep(delays.clientSecrets);
      const key = bearer(request);
      if (!key?.startsWith('sk-')) return apiError(401, 'invalid_api_key', 'Incorrect API key provided.', null);
      let body: { expires_after?: { anchor?: string; seconds?: number }; session?: unknown } = {};
      const text = await request.text();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return apiError(400, 'invalid_json', 'We could not parse the JSON body of your request.');
        }
      }
      const seconds = body.expires_after?.seconds ?? 600;
      if (!Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
        return apiError(400, 'invalid_value', 'expires_after.seconds must be between 10 and 7200.', 'expires_after.seconds');
      }
      const session = sessionFrom(body.session);
      if (session instanceof Response) return session;
      const minted = keys.mint(session, seconds);
      return json(200, { value: minted.value, expires_at: minted.expiresAt, session: { ...session, expires_at: minted.expiresAt } });
    }

    if (path === '/v1/realtime/calls') {
      await sleep((delays.calls ?? 0) + (fault === 'slow' ? 1500 : 0));
      const refused = await refuseCall(fault, tag, request.signal);
      if (refused) return refused;
      if (url.searchParams.has('model')) return apiError(400, 'invalid_request', 'The model is bound to the key: do not pass ?model= to /v1/realtime/calls.', 'model');
      const offer = await readOffer(request, keys);
      if (offer instanceof Response) return offer;
      // A `-once` fault strikes the first call of its tag; the calls after it (a reconnect) go well.
      const callFault = fault?.endsWith('-once') && fault !== 'calls-500-once' && !firstOf(tag) ? undefined : fault;
      try {
        const call = await RealtimeCall.open(offer.sdp, offer.session, host, delays.reply ?? 0, () => {
          calls.delete(call.id);
          remember(call);
        }, callFault, offer.key, tag);
        calls.set(call.id, call);
        let answer = call.answerSdp;
        if (fault === 'ice-never') {
          // Port 9 (discard) on loopback: nothing listens, so no connectivity check is ever answered.
          answer = answer.replace(/^(a=candidate:\S+ \d+ udp \d+ \S+ )\d+/gim, (_, head: string) => `${head}9`);
          void call.close();
        }
        return new Response(answer, { status: 201, headers: { 'content-type': 'application/sdp', location: `/v1/realtime/calls/${call.id}` } });
      } catch (e) {
        if (e instanceof OfferError) return apiError(400, 'invalid_offer', e.message);
        throw e;
      }
    }

    const hangup = path.match(/^\/v1\/realtime\/calls\/([^/]+)\/hangup$/);
    if (hangup) {
      if (!bearer(request)?.startsWith('sk-')) return apiError(401, 'invalid_api_key', 'Incorrect API key provided.');
      const call = calls.get(hangup[1]!);
      if (!call) return apiError(404, 'call_not_found', 'No such call.');
      await call.close();
      return json(200, {});
    }
    return apiError(404, 'not_found', `Unknown route: POST ${url.pathname}`);
  }

  return { handler: async (request) => withCors(request, await route(request)), calls };
}

/** Starts the stand-in on a loopback address and resolves once it listens. */
export async function startStandIn({ host = '127.0.0.1', port = 0, delays }: StandInOptions = {}): Promise<StandIn> {
  if (!host.startsWith('127.')) throw new Error('the stand-in binds loopback addresses only');
  const { handler, calls } = createStandInHandler(host, delays);
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${bound}/v1`,
    handler,
    calls,
    async close() {
      await Promise.all([...calls.values()].map((call) => call.close()));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

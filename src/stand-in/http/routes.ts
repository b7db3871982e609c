import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { BodyTooLarge, readBody } from '../../server/body.js';
import { sleep } from '../call/call-context.js';
import { RealtimeCall, type ServedCall } from '../call/call.js';
import { preflight, withCors } from './cors.js';
import { apiError } from './errors.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { faultIn } from '../faults/faults.js';
import { bearer, KeyStore } from './keys.js';
import { OfferError } from '../media/peer.js';
import { parseRecording } from '../replay/recording.js';
import { ReplayCall } from '../replay/replay-call.js';
import { applySessionUpdate, ConfigError, defaultSession, echoed, type SessionConfig } from '../call/session-config.js';
import { carryOverWebRtc } from '../media/webrtc-transport.js';
import { webSocketRoute } from './websocket-route.js';
import { newId } from '../call/ids.js';

/** Artificial latency per stage, in ms, to imitate a real network and service (benchmarks). */
export interface StandInDelays {
  /** Before answering `POST /realtime/client_secrets`. */
  clientSecrets?: number;
  /** Before answering `POST /realtime/calls` (the SDP exchange). */
  calls?: number;
  /** From `response.create` to the first audio packet of the reply. */
  reply?: number;
}

export interface StandInHandlerOptions {
  /** The address the stand-in's WebRTC peers answer on (the one its HTTP server is bound to). */
  host: string;
  delays?: StandInDelays | undefined;
  /** A folder of recorded sessions (`name.jsonl`): a call made through `/replay/{name}/v1` replays one. */
  recordings?: string | undefined;
  /** Sees every event any call sends, before it leaves (the conformance check). */
  onEvent?: ((event: Record<string, unknown>, call: RealtimeCall) => void) | undefined;
  /** Counts the junk a fault sends on purpose (hostile, fuzz, leaky): messages no conformance check applies to. */
  onRaw?: (() => void) | undefined;
  /** Sees every client event any scripted call receives, as parsed, before any check (the client-event oracle). */
  onClientEvent?: ((event: unknown, call: ServedCall) => void) | undefined;
}

// Larger bodies are refused unread: a key request is a few hundred bytes, an offer a few kilobytes.
const MAX_BODY_BYTES = 256 * 1024;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const betaGone = () =>
  apiError(
    400,
    'beta_api_shape_disabled',
    'The Realtime API beta shape has been shut down. Use POST /v1/realtime/client_secrets and POST /v1/realtime/calls.',
  );

/** A file of a folder, never one a symbolic link leads out of it to; undefined when there is none. */
async function readInside(folder: string, name: string): Promise<string | undefined> {
  try {
    const [root, file] = await Promise.all([realpath(folder), realpath(join(folder, name))]);
    return file.startsWith(root + sep) ? await readFile(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** A session from a request (over `base`, the defaults), or the service's 400 naming the field it refuses. */
function sessionFrom(update: unknown, base = defaultSession()): SessionConfig | Response {
  try {
    return update === undefined ? base : applySessionUpdate(base, update);
  } catch (e) {
    if (e instanceof ConfigError) return apiError(400, e.code, e.message, e.param);
    throw e;
  }
}

/**
 * The offer and session of a `POST /realtime/calls`: `application/sdp` with an ephemeral key minted here (its session
 * comes from the key), or `multipart/form-data` (`sdp` + `session` parts) with a standard `sk-` key (the unified
 * interface: a host server relays the page's offer) or an ephemeral one (its session part applies over the key's).
 */
async function readOffer(
  request: Request,
  keys: KeyStore,
): Promise<{ sdp: string; session: SessionConfig; key: string } | Response> {
  const key = bearer(request) ?? '';
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const minted = key.startsWith('sk-') ? undefined : keys.find(key);
    if (!key.startsWith('sk-') && !minted)
      return apiError(401, 'invalid_api_key', 'The ephemeral key is missing, unknown or expired.');
    let form: FormData;
    try {
      form = await new Response(Buffer.from(await readBody(request, MAX_BODY_BYTES)), {
        headers: { 'content-type': type },
      }).formData();
    } catch (e) {
      if (e instanceof BodyTooLarge) throw e;
      return apiError(400, 'invalid_multipart', 'The multipart body could not be read.');
    }
    const sdp = form.get('sdp');
    if (sdp === null) return apiError(400, 'missing_required_parameter', 'Missing required parameter: sdp.', 'sdp');
    const part = form.get('session');
    let update: unknown;
    try {
      update = part === null ? undefined : JSON.parse(typeof part === 'string' ? part : await part.text());
    } catch {
      return apiError(400, 'invalid_json', 'The session part is not JSON.', 'session');
    }
    const session = sessionFrom(update, minted ? structuredClone(minted.session) : undefined);
    if (session instanceof Response) return session;
    return { sdp: typeof sdp === 'string' ? sdp : await sdp.text(), session, key };
  }
  const minted = keys.find(key);
  if (!minted) return apiError(401, 'invalid_api_key', 'The ephemeral key is missing, unknown or expired.');
  if (!type.startsWith('application/sdp')) {
    return apiError(
      400,
      'invalid_content_type',
      'Send the offer SDP with Content-Type: application/sdp, or multipart/form-data with sdp and session.',
    );
  }
  return {
    sdp: new TextDecoder().decode(await readBody(request, MAX_BODY_BYTES)),
    session: structuredClone(minted.session),
    key,
  };
}

/**
 * The local imitation of the OpenAI Realtime API: client secrets, WebRTC calls (SDP), hangup, and the beta routes
 * answering the way the real API does now; `upgrade` serves the same calls over a WebSocket (`/v1/realtime`). `GET /v1/stand-in/calls/{id}` (stand-in only) reports what a call heard.
 */
export function createStandInHandler({
  host,
  delays = {},
  onEvent,
  onRaw,
  onClientEvent,
  recordings,
}: StandInHandlerOptions) {
  const keys = new KeyStore();
  const calls = new Map<string, ServedCall>();
  // Ended calls stay readable for a while so a test can ask what a call heard after it hung up.
  const ended = new Map<string, ServedCall>();
  const forget = (call: ServedCall) => {
    calls.delete(call.id);
    ended.set(call.id, call);
    if (ended.size > 100) ended.delete(ended.keys().next().value!);
  };
  // `-once` faults already served, by tag: the first request of a tag fails, the ones after it go well.
  const servedOnce = new Set<string>();
  const strikes = (plan: FaultPlan | undefined, tag: string) =>
    !!plan && (!plan.once || (!servedOnce.has(tag) && !!servedOnce.add(tag)));

  /** A scripted call on `session` (each call is a session of its own, with its own id). */
  function newCall(
    session: SessionConfig,
    key: string,
    fault: { plan: FaultPlan; tag: string } | undefined,
  ): RealtimeCall {
    const call: RealtimeCall = new RealtimeCall({
      session: { ...session, id: newId('sess') },
      replyDelayMs: delays.reply,
      fault,
      key,
      onEvent: onEvent && ((event) => onEvent(event, call)),
      onRaw,
      onClientEvent: onClientEvent && ((event) => onClientEvent(event, call)),
      onClose: () => forget(call),
    });
    calls.set(call.id, call);
    return call;
  }

  async function clientSecrets(request: Request, plan: FaultPlan | undefined, tag: string): Promise<Response> {
    await sleep(delays.clientSecrets ?? 0, request.signal);
    if (plan?.refuseSecrets && strikes(plan, tag)) return plan.refuseSecrets(request.signal);
    if (!bearer(request)?.startsWith('sk-')) return apiError(401, 'invalid_api_key', 'Incorrect API key provided.');
    let body: { expires_after?: { anchor?: string; seconds?: number }; session?: unknown } = {};
    const text = new TextDecoder().decode(await readBody(request, MAX_BODY_BYTES));
    if (text) {
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return apiError(400, 'invalid_json', 'We could not parse the JSON body of your request.');
      }
    }
    const seconds = body.expires_after?.seconds ?? 600;
    if (!Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
      return apiError(
        400,
        'invalid_value',
        'expires_after.seconds must be between 10 and 7200.',
        'expires_after.seconds',
      );
    }
    const session = sessionFrom(body.session);
    if (session instanceof Response) return session;
    const minted = keys.mint(session, seconds);
    return json(200, { value: minted.value, expires_at: minted.expiresAt, session: echoed(session) });
  }

  /** A recorded session to replay, by name (letters, digits, `-` and `_` only: nothing outside the folder). */
  async function recording(name: string) {
    if (!recordings) throw new OfferError('this stand-in was started without a recordings folder');
    const text = await readInside(recordings, `${name}.jsonl`);
    if (text === undefined) throw new OfferError(`no recording named ${name}`);
    return parseRecording(text);
  }

  async function startCall(
    request: Request,
    url: URL,
    plan: FaultPlan | undefined,
    tag: string,
    replay: string | undefined,
  ): Promise<Response> {
    const struck = strikes(plan, tag) ? plan : undefined;
    await sleep((delays.calls ?? 0) + (struck?.slowMs ?? 0), request.signal);
    if (struck?.refuse) return struck.refuse(request.signal);
    if (url.searchParams.has('model'))
      return apiError(
        400,
        'invalid_request',
        'The model is bound to the key: do not pass ?model= to /v1/realtime/calls.',
        'model',
      );
    const offer = await readOffer(request, keys);
    if (offer instanceof Response) return offer;
    let call: ServedCall;
    try {
      call = replay
        ? new ReplayCall(
            await recording(replay),
            () => forget(call),
            onClientEvent && ((event) => onClientEvent(event, call)),
          )
        : newCall(offer.session, offer.key, struck ? { plan: struck, tag } : undefined);
    } catch (e) {
      if (e instanceof OfferError) return apiError(404, 'recording_not_found', e.message);
      throw e;
    }
    let answer: string;
    try {
      answer = await carryOverWebRtc(call, offer.sdp, host, struck?.path);
    } catch (e) {
      await call.close();
      if (e instanceof OfferError) return apiError(400, 'invalid_offer', e.message, 'sdp');
      throw e;
    }
    calls.set(call.id, call);
    if (struck?.iceNever) {
      // Port 9 (discard) on loopback: nothing listens, so no connectivity check is ever answered.
      answer = answer.replace(/^(a=candidate:\S+ \d+ udp \d+ \S+ )\d+/gim, (_, head: string) => `${head}9`);
      void call.close();
    }
    return new Response(answer, {
      status: 201,
      headers: { 'content-type': 'application/sdp', location: `/v1/realtime/calls/${call.id}` },
    });
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    // `/replay/{name}/v1/…`: the calls made through it replay a recorded session.
    const replayed = url.pathname.match(/^\/replay\/([\w-]+)(\/v1\/.*)$/);
    const { plan, tag, path: unfaulted } = faultIn(replayed ? replayed[2] : url.pathname);
    const path = unfaulted.replace(/\/+$/, '');
    if (request.method === 'OPTIONS') return preflight(request);
    if (request.method === 'GET' && path.startsWith('/v1/stand-in/calls/')) {
      const id = path.split('/').pop()!;
      // By call id (`rtc_…`, WebRTC), or by the session's id (`sess_…`: a WebSocket call has no other).
      const bySession = (map: Map<string, ServedCall>) =>
        [...map.values()].find((c) => (c.report().session as { id?: string } | undefined)?.id === id);
      const call = calls.get(id) ?? ended.get(id) ?? bySession(calls) ?? bySession(ended);
      return call ? json(200, call.report()) : apiError(404, 'call_not_found', 'No such call.');
    }
    if (request.method !== 'POST')
      return apiError(404, 'not_found', `Unknown route: ${request.method} ${url.pathname}`);
    if (path === '/v1/realtime/sessions' || path === '/v1/realtime/transcription_sessions' || path === '/v1/realtime')
      return betaGone();
    if (path === '/v1/realtime/client_secrets') return clientSecrets(request, plan, tag);
    if (path === '/v1/realtime/calls') return startCall(request, url, plan, tag, replayed?.[1]);
    const hangup = path.match(/^\/v1\/realtime\/calls\/([^/]+)\/hangup$/);
    if (hangup) {
      if (!bearer(request)?.startsWith('sk-')) return apiError(401, 'invalid_api_key', 'Incorrect API key provided.');
      const call = calls.get(hangup[1]);
      if (!call) return apiError(404, 'call_not_found', 'No such call.');
      await call.close();
      return json(200, {});
    }
    return apiError(404, 'not_found', `Unknown route: POST ${url.pathname}`);
  }

  async function handler(request: Request): Promise<Response> {
    try {
      return withCors(request, await route(request));
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return withCors(
          request,
          apiError(413, 'request_too_large', `The request body is larger than ${e.limit} bytes.`),
        );
      throw e;
    }
  }

  const upgrade = webSocketRoute({ keys, delayMs: delays.calls, strikes, newCall, findCall: (id) => calls.get(id) });
  return { handler, upgrade, calls, keys };
}

import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { sleep } from '../call/call-context.js';
import { RealtimeCall, type ServedCall } from '../call/call.js';
import { apiError } from './errors.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { faultIn } from '../faults/faults.js';
import { newId } from '../call/ids.js';
import type { KeyStore } from './keys.js';
import { defaultSession, MODELS, type SessionConfig } from '../call/session-config.js';
import { carryOverWebSocket } from '../media/websocket-transport.js';

export interface SocketRouteOptions {
  keys: KeyStore;
  /** Before the upgrade is answered (the connection set-up's latency, as for the SDP exchange). */
  delayMs?: number | undefined;
  /** Whether a fault strikes this time (`-once` faults strike on the first request of their tag). */
  strikes: (plan: FaultPlan | undefined, tag: string) => boolean;
  /** A new scripted call on this session. */
  newCall: (session: SessionConfig, key: string, fault: { plan: FaultPlan; tag: string } | undefined) => RealtimeCall;
  /** A live call by its id (`rtc_…`), for a control connection. */
  findCall: (id: string) => ServedCall | undefined;
}

// In a browser, the key travels as a subprotocol (a WebSocket cannot set headers there).
const KEY_PROTOCOL = 'openai-insecure-api-key.';

/** The service refuses a socket after accepting it: an `error` event, then a close in the same millisecond. */
function refuse(socket: WebSocket, close: 3000 | 4000, code: string, message: string): void {
  const type = 'invalid_request_error';
  socket.send(
    JSON.stringify({
      type: 'error',
      event_id: newId('event'),
      error: { type, code, message, param: null, event_id: null },
    }),
  );
  socket.close(close, `${type}.${code}`);
}

/** An HTTP answer instead of the upgrade (a fault that fails before the socket is accepted). */
async function answerHttp(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  socket.end(
    `HTTP/1.1 ${response.status} ${response.statusText || 'Error'}\r\ncontent-type: ${response.headers.get('content-type') ?? 'text/plain'}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body.toString()}`,
  );
}

/**
 * `GET /v1/realtime?call_id=rtc_…`: the host server's control connection to a live WebRTC call. Only a standard key
 * opens one; an ephemeral key, like an unknown or ended call, is answered 404 `call_id_not_found` (as since 2026-09).
 */
function control(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  wss: WebSocketServer,
  callId: string,
  findCall: (id: string) => ServedCall | undefined,
  keys: KeyStore,
): Promise<void> | void {
  const key = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
  const call = findCall(callId);
  if (!key.startsWith('sk-') && !keys.find(key))
    return answerHttp(socket, apiError(401, 'invalid_api_key', 'Incorrect API key provided.'));
  if (!key.startsWith('sk-') || !(call instanceof RealtimeCall) || call.closed)
    return answerHttp(socket, apiError(404, 'call_id_not_found', `Call with id '${callId}' not found.`, 'call_id'));
  wss.handleUpgrade(request, socket, head, (ws) => call.controls.attach(ws, (message) => call.receive(message)));
}

/**
 * `GET /v1/realtime?model=…` upgraded to a WebSocket: the service's events over a socket. A browser authenticates with
 * an ephemeral key as the subprotocol `openai-insecure-api-key.<ek_…>` (next to `realtime`), a server with
 * `Authorization: Bearer sk-…`. Bad keys and models are refused the service's way: `error`, then close 3000 / 4000.
 */
export function webSocketRoute({ keys, delayMs = 0, strikes, newCall, findCall }: SocketRouteOptions) {
  let server: Promise<WebSocketServer> | undefined;
  const sockets = () =>
    (server ??= import('ws').then(
      ({ WebSocketServer }) =>
        new WebSocketServer({
          noServer: true,
          maxPayload: 16 * 1024 * 1024,
          handleProtocols: (offered) => (offered.has('realtime') ? 'realtime' : false),
        }),
    ));

  return async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A client may give up while the upgrade waits (a hung-up call's control connection): that is no crash.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const { plan, tag, path } = faultIn(url.pathname);
    if (path.replace(/\/+$/, '') !== '/v1/realtime')
      return answerHttp(socket, new Response('Not found', { status: 404 }));
    const struck = strikes(plan, tag) ? plan : undefined;
    // The upgrade has no signal: a client that leaves meanwhile is seen when the socket is answered.
    const unaborted = new AbortController().signal;
    await sleep(delayMs + (struck?.slowMs ?? 0), unaborted);
    const refusal = struck?.refuse && (await struck.refuse(unaborted));
    if (refusal && refusal.status !== 401) return answerHttp(socket, refusal);
    const wss = await sockets();
    const callId = url.searchParams.get('call_id');
    if (callId !== null) return control(request, socket, head, wss, callId, findCall, keys);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      const key =
        offered.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length) ??
        request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ??
        '';
      if (/realtime\s*=\s*v1/i.test(String(request.headers['openai-beta'] ?? ''))) {
        return refuse(
          ws,
          4000,
          'beta_api_shape_disabled',
          'The Realtime API beta shape has been shut down. Remove the OpenAI-Beta: realtime=v1 header.',
        );
      }
      const minted = keys.find(key);
      if (refusal || (!minted && !key.startsWith('sk-')))
        return refuse(ws, 3000, 'invalid_api_key', 'Incorrect API key provided.');
      const model = url.searchParams.get('model');
      if (!model) return refuse(ws, 4000, 'missing_model', 'Missing required parameter: model.');
      if (!MODELS.includes(model))
        return refuse(
          ws,
          4000,
          'invalid_model',
          `The model '${model}' does not exist or you do not have access to it.`,
        );
      if (minted && minted.session.model !== model)
        return refuse(
          ws,
          4000,
          'invalid_model',
          `The model '${model}' is not the model of this ephemeral key's session (${minted.session.model}).`,
        );
      const session = minted ? structuredClone(minted.session) : { ...defaultSession(), model };
      carryOverWebSocket(
        newCall(session, key, struck && !struck.refuse ? { plan: struck, tag } : undefined),
        ws,
        socket as Socket,
        struck?.path,
      );
    });
  };
}

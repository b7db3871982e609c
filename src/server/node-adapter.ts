// Types only: the server entry imports no Node module, so it bundles for Workers, Deno and Bun as it is.
import type { IncomingMessage, ServerResponse } from 'node:http';

const releases = new WeakMap<IncomingMessage, () => void>();
const addresses = new WeakMap<Request, string>();

/** The address of the socket a request made by {@link toRequest} came in on (the limits' default visitor). */
export const clientAddress = (request: Request): string | undefined => addresses.get(request);

/**
 * The request's bytes as a web stream that reads a chunk only when the handler pulls one. Cancelled (a body over its
 * limit), it stops listening and leaves the rest to {@link sendResponse}, which throws it away.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  const settle = () => {
    settled = true;
    req.off('data', onData).off('end', onEnd).off('error', onError);
    req.pause();
  };
  // A handler that refused on the length header alone never touched the stream: the answer releases it.
  releases.set(req, () => settled || settle());
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (settled) return;
    settle();
    controller.close();
  };
  const onError = (error: Error) => {
    if (settled) return;
    settle();
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
        req.pause().on('data', onData).once('end', onEnd).once('error', onError);
      },
      pull: () => void (settled || req.resume()),
      cancel: () => void (settled || settle()),
    },
    { highWaterMark: 1 },
  );
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Turns a `node:http` request into a Fetch `Request` whose body is the request stream itself: nothing is read until
 * the handler reads it (after its guards), and then only as much as it allows. Behind Express-style body parsers the
 * stream is already read: their result is used (their own size limit applied). Pass the response to have
 * `request.signal` abort when the client goes away before it is answered.
 */
export function toRequest(
  req: IncomingMessage,
  origin = `http://${req.headers.host ?? 'localhost'}`,
  res?: ServerResponse,
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  let body: BodyInit | undefined;
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && req.readableEnded) {
    if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) body = new Uint8Array(Buffer.from(parsed));
    else if (parsed && typeof parsed === 'object' && Object.keys(parsed).length) body = JSON.stringify(parsed);
    // The parser consumed the stream: its length header no longer describes this body.
    headers.delete('content-length');
  } else if (method !== 'GET' && method !== 'HEAD') body = bodyStream(req);
  const gone = new AbortController();
  res?.on('close', () => res.writableFinished || gone.abort());
  const request = new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    signal: gone.signal,
    body,
    duplex: 'half',
  } as RequestInit);
  if (req.socket?.remoteAddress) addresses.set(request, req.socket.remoteAddress);
  return request;
}

// After the answer, the rest of an unread body is thrown away for up to this long, or past this much once the client
// has had a moment to read the answer (a reset any sooner can destroy the answer in its receive buffer).
const LINGER_MS = 2000;
const LINGER_BYTES = 1024 * 1024;
const LINGER_MIN_MS = 250;

/**
 * Writes a Fetch `Response` to a `node:http` response. When the request's body was not read to its end (refused
 * before it was read, or cut off at its limit), what the client still sends is thrown away, never kept, for a moment
 * — cutting the connection at once would reset it and lose the answer — then the connection is cut.
 */
export async function sendResponse(response: Response, res: ServerResponse, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  const unread = req && !req.readableEnded && req.method !== 'GET' && req.method !== 'HEAD';
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
  if (unread) {
    releases.get(req)?.();
    let discarded = 0;
    const cut = () => req.socket?.destroy();
    const timer = setTimeout(cut, LINGER_MS).unref();
    const answered = Date.now();
    req.on(
      'data',
      (chunk: Buffer) => (discarded += chunk.length) > LINGER_BYTES && Date.now() - answered > LINGER_MIN_MS && cut(),
    );
    req.once('end', () => clearTimeout(timer));
    req.resume();
  }
}

/**
 * A `node:http` request listener serving a Fetch-API handler: `http.createServer(toNodeListener(handler))`. It is also
 * Express / Connect middleware: `app.post('/token', toNodeListener(handler))`, with or without a body parser before it.
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      try {
        await sendResponse(await handler(toRequest(req, undefined, res)), res, req);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: { type: 'server_error', code: 'internal_error', message: 'internal error' } }));
      }
    })();
  };
}

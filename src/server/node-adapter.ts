import type { IncomingMessage, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Turns a `node:http` request into a Fetch `Request` (the body is read fully: these are small JSON/SDP bodies). Pass
 * the response to have `request.signal` abort when the client goes away before it is answered.
 */
export async function toRequest(req: IncomingMessage, origin = `http://${req.headers.host ?? 'localhost'}`, res?: ServerResponse): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const chunks: Buffer[] = [];
  // Behind Express-style body parsers the stream is already read: use what they parsed.
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && req.readableEnded) {
    if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) chunks.push(Buffer.from(parsed));
    else if (parsed && typeof parsed === 'object' && Object.keys(parsed).length) chunks.push(Buffer.from(JSON.stringify(parsed)));
  } else if (method !== 'GET' && method !== 'HEAD') for await (const chunk of req) chunks.push(chunk as Buffer);
  const gone = new AbortController();
  res?.on('close', () => res.writableFinished || gone.abort());
  return new Request(new URL(req.url ?? '/', origin), { method, headers, signal: gone.signal, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
}

/** Writes a Fetch `Response` to a `node:http` response. */
export async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/**
 * A `node:http` request listener serving a Fetch-API handler: `http.createServer(toNodeListener(handler))`. It is also
 * Express / Connect middleware: `app.post('/token', toNodeListener(handler))`, with or without a body parser before it.
 */
export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      try {
        await sendResponse(await handler(await toRequest(req, undefined, res)), res);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'server_error', code: 'internal_error', message: 'internal error' } }));
      }
    })();
  };
}

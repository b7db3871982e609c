// The request headers the service lets a page send: its own clients' (the Agents SDK names itself in one) and no
// others — a preflight asking for any other header is refused, as the service refuses e.g. `originator`.
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-openai-agents-sdk'];

/** CORS as the public API answers it: any origin, Location exposed. */
export function withCors(request: Request, response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', request.headers.get('origin') ?? '*');
  headers.set('vary', 'origin');
  headers.set('access-control-expose-headers', 'location');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A preflight: allowed when every requested header is one the service accepts; otherwise the browser blocks the request. */
export function preflight(request: Request): Response {
  const asked = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed = asked.every((header) => ALLOWED_HEADERS.includes(header));
  const headers: Record<string, string> = {
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-max-age': '600',
  };
  if (allowed) headers['access-control-allow-headers'] = ALLOWED_HEADERS.join(', ');
  return new Response(null, { status: allowed ? 204 : 403, headers });
}

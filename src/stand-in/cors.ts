/** CORS as a public API answers it: any origin, whatever request headers the client asks for, Location exposed. */
export function withCors(request: Request, response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', request.headers.get('origin') ?? '*');
  headers.set('vary', 'origin');
  headers.set('access-control-expose-headers', 'location');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function preflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'authorization, content-type',
      'access-control-max-age': '600',
    },
  });
}

/** The REST error envelope the Realtime API answers with. */
export const apiError = (
  status: number,
  code: string,
  message: string,
  param: string | null = null,
  type = 'invalid_request_error',
): Response =>
  new Response(JSON.stringify({ error: { message, type, param, code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

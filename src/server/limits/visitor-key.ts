import { clientAddress } from '../node-adapter.js';

/** Who a request is from, as the host knows them (a user id, a session); undefined to fall back to the address. */
export type VisitorIdentity = (request: Request) => string | undefined | Promise<string | undefined>;

/**
 * The address a request came from where the runtime tells it without trusting the visitor: Node's socket (through
 * {@link toNodeListener}) or Cloudflare's own header on a Worker. Elsewhere (Deno, Bun, behind a proxy) the host
 * passes `visitor`.
 */
function address(request: Request): string | undefined {
  const socket = clientAddress(request);
  if (socket) return socket;
  const onWorkers = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';
  return onWorkers ? (request.headers.get('cf-connecting-ip') ?? undefined) : undefined;
}

const hex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The key a visitor's counts are kept under: a salted SHA-256 of who they are, so a store never holds an address or
 * an account id. Requests nobody can tell apart share one key (`unknown`): stricter, never looser.
 */
export async function visitorKey(request: Request, salt: string, identity?: VisitorIdentity): Promise<string> {
  const who = (await identity?.(request)) ?? address(request);
  const name = who ? `visitor:${who}` : 'unknown';
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\n${name}`));
  return hex(digest).slice(0, 32);
}

/**
 * Attach tickets: the token handler hands one out with each key, and the control handler attaches a control
 * connection only for a ticket it signed, once, before it expires. So an announce costs an attacker a minted key
 * (which the token endpoint's guards limit), a stranger's call id alone attaches nothing, and a replay is refused.
 */

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const TICKET = /^(\d{1,13})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export type TicketRefusal = 'invalid_ticket' | 'ticket_used' | 'ticket_expired';

/** Signs and redeems attach tickets (HMAC-SHA-256, Web Crypto: Node, workerd, Deno and Bun alike). */
export class AttachTickets {
  readonly #key: Promise<CryptoKey>;
  /** Nonces redeemed and when they would have expired: a replay inside a ticket's life is refused. */
  readonly #used = new Map<string, number>();

  /** `secret`: share one across processes so any of them redeems the others' tickets; default a random one. */
  constructor(
    secret: string | undefined,
    private readonly ttlMs: number,
    private readonly maxRemembered = 100_000,
  ) {
    const raw = secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : encoder.encode(secret);
    this.#key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /** A new ticket: `expiry.nonce.signature`, good for one attach within the lifetime. */
  async issue(now = Date.now()): Promise<string> {
    const body = `${now + this.ttlMs}.${base64url(crypto.getRandomValues(new Uint8Array(16)))}`;
    const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(body)));
    return `${body}.${base64url(signature)}`;
  }

  /** Spends a ticket; undefined when it was good, else why not. */
  async redeem(ticket: unknown, now = Date.now()): Promise<TicketRefusal | undefined> {
    const parts = typeof ticket === 'string' ? TICKET.exec(ticket) : null;
    if (!parts) return 'invalid_ticket';
    const [, expiry, nonce, signature] = parts as unknown as [string, string, string, string];
    const expected = base64url(
      new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(`${expiry}.${nonce}`))),
    );
    if (!sameText(expected, signature)) return 'invalid_ticket';
    if (Number(expiry) <= now) return 'ticket_expired';
    this.#forgetExpired(now);
    if (this.#used.has(nonce)) return 'ticket_used';
    // Full of live tickets: refuse rather than forget one that could then be replayed.
    if (this.#used.size >= this.maxRemembered) return 'ticket_used';
    this.#used.set(nonce, Number(expiry));
    return undefined;
  }

  #forgetExpired(now: number): void {
    // Insertion order is nearly expiry order (one lifetime for all), so the oldest go first.
    for (const [nonce, expiry] of this.#used) {
      if (expiry > now) break;
      this.#used.delete(nonce);
    }
  }
}

/** Compares without stopping at the first difference, so timing tells nothing about a signature. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

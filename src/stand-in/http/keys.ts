import { newId } from '../call/ids.js';
import type { SessionConfig } from '../call/session-config.js';

export interface MintedKey {
  value: string;
  expiresAt: number;
  session: SessionConfig;
}

/** Ephemeral keys this stand-in minted. Only these, unexpired, open calls; expired ones are forgotten. */
export class KeyStore {
  #keys = new Map<string, MintedKey>();

  mint(session: SessionConfig, ttlSeconds: number): MintedKey {
    this.#purge();
    const key = { value: newId('ek', 32), expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds, session };
    this.#keys.set(key.value, key);
    return key;
  }

  /** The key if it was minted here and has not expired. */
  find(value: string): MintedKey | undefined {
    this.#purge();
    return this.#keys.get(value);
  }

  /** How many keys are held (tests check that expired ones are freed). */
  get size(): number {
    this.#purge();
    return this.#keys.size;
  }

  #purge(): void {
    const now = Date.now();
    for (const [value, key] of this.#keys) if (key.expiresAt * 1000 <= now) this.#keys.delete(value);
  }
}

/** The bearer token of a request, if any. */
export const bearer = (request: Request): string | undefined =>
  request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];

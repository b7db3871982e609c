import { newId } from './ids.js';
import type { SessionConfig } from './session-config.js';

export interface MintedKey {
  value: string;
  expiresAt: number;
  session: SessionConfig;
}

/** Ephemeral keys this stand-in minted. Only these (unexpired) may open a call. */
export class KeyStore {
  #keys = new Map<string, MintedKey>();

  mint(session: SessionConfig, ttlSeconds: number): MintedKey {
    const key = { value: newId('ek', 32), expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds, session };
    this.#keys.set(key.value, key);
    return key;
  }

  /** The key if it was minted here and has not expired. */
  find(value: string): MintedKey | undefined {
    const key = this.#keys.get(value);
    if (key && key.expiresAt * 1000 <= Date.now()) {
      this.#keys.delete(value);
      return undefined;
    }
    return key;
  }
}

/** The bearer token of a request, if any. */
export const bearer = (request: Request): string | undefined => request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];

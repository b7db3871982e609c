import type { ControlSocketClass } from './control-types.js';

type Listener = (event: { data?: unknown }) => void;
type Kind = 'open' | 'close' | 'error' | 'message';
/** Cloudflare's side of a WebSocket upgraded by `fetch`: accepted before use. */
type Upgraded = WebSocket & { accept(): void };

/**
 * The control connection's socket on Cloudflare Workers and Durable Objects, whose `WebSocket` sends no headers: the
 * socket is asked for with `fetch` and `Upgrade: websocket` (Cloudflare's way, the key in `Authorization`), then
 * accepted. It keeps the standard surface the control needs (`open`, `message`, `close`, `error`).
 */
export class FetchUpgradeSocket {
  readonly #listeners = new Map<Kind, Listener[]>();
  #socket: Upgraded | undefined;
  #closed = false;

  constructor(url: string, { headers }: { headers: Record<string, string> }) {
    void this.#open(url.replace(/^ws/, 'http'), headers);
  }

  async #open(url: string, headers: Record<string, string>): Promise<void> {
    try {
      const answer = await fetch(url, { headers: { ...headers, upgrade: 'websocket' } });
      const socket = (answer as Response & { webSocket?: Upgraded | null }).webSocket;
      if (!socket) throw new Error(`the service answered HTTP ${answer.status} without a WebSocket`);
      socket.accept();
      if (this.#closed) return socket.close(1000);
      this.#socket = socket;
      socket.addEventListener('message', (event) => this.#emit('message', { data: event.data }));
      socket.addEventListener('close', () => this.#emit('close', {}));
      socket.addEventListener('error', () => this.#emit('error', {}));
      this.#emit('open', {});
    } catch {
      this.#emit('error', {});
      this.#emit('close', {});
    }
  }

  #emit(kind: Kind, event: { data?: unknown }): void {
    for (const listener of this.#listeners.get(kind) ?? []) listener(event);
  }

  addEventListener(kind: Kind, listener: Listener): void {
    this.#listeners.set(kind, [...(this.#listeners.get(kind) ?? []), listener]);
  }

  send(data: string): void {
    this.#socket?.send(data);
  }

  close(code?: number): void {
    this.#closed = true;
    this.#socket?.close(code);
  }
}

// Checked against the surface the control connection takes.
export const FETCH_UPGRADE_SOCKET: ControlSocketClass = FetchUpgradeSocket;

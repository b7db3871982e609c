import type { ReactiveControllerHost } from 'lit';

/**
 * Parts of the UI only some visitors use (a language, the log pane, the picker, push-to-talk, approvals), each a chunk
 * loaded the first time it is needed; the host re-renders when one lands, and `settled` waits for all under way.
 */
export class LazyParts<T extends Record<string, unknown>> {
  #parts: Partial<T> = {};
  #pending = new Set<Promise<unknown>>();

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The part, or undefined while it loads (the first call starts loading it). */
  get<K extends keyof T>(name: K, load: () => Promise<T[K]>): T[K] | undefined {
    if (!(name in this.#parts)) {
      this.#parts[name] = undefined;
      this.track(load().then((part) => (this.#parts[name] = part)));
    }
    return this.#parts[name];
  }

  /** Re-renders once `promise` settles, and counts it as under way until then. */
  track(promise: Promise<unknown>): void {
    const done = promise
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.#pending.delete(done);
        this.host.requestUpdate();
      });
    this.#pending.add(done);
  }

  /** Resolves when no chunk is under way. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all(this.#pending);
  }
}

/** The host's limit on a conversation's length: it runs from the first time it went live, across replacement calls. */
export class DurationLimit {
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Starts the limit, unless there is none or it already runs. */
  arm(ms: number | undefined, end: () => void): void {
    if (ms && this.#timer === undefined) this.#timer = setTimeout(end, ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

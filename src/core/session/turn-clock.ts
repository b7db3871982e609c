import type { TurnMetrics } from './session-events.js';

// The model's voice counts as heard once the played level passes this (≈ −40 dBFS).
const HEARD_LEVEL = 0.01;

/** Times each turn: from the visitor's speech ending (or text sent) to the model's voice actually being audible. */
export class TurnClock {
  #turn: { trigger: TurnMetrics['trigger']; at: number } | undefined;
  #last: TurnMetrics | undefined;

  /** A turn is being timed: its reply is not audible yet. */
  get running(): boolean {
    return this.#turn !== undefined;
  }

  get last(): TurnMetrics | undefined {
    return this.#last;
  }

  /** A turn ended on the visitor's side: the clock runs. */
  start(trigger: TurnMetrics['trigger']): void {
    this.#turn = { trigger, at: performance.now() };
  }

  /** No reply is coming for this turn (the visitor spoke again, a text-only reply, the call ended). */
  cancel(): void {
    this.#turn = undefined;
  }

  /** The played level now; returns the turn's time when this is the moment the voice became audible. */
  level(output: number): TurnMetrics | undefined {
    const turn = this.#turn;
    if (!turn || output <= HEARD_LEVEL) return undefined;
    this.#turn = undefined;
    return (this.#last = { trigger: turn.trigger, ms: Math.round(performance.now() - turn.at) });
  }

  reset(): void {
    this.#turn = this.#last = undefined;
  }
}

import type { ControlEvent } from '../control-types.js';
import type { Admission } from './limits.js';

/** The tokens an event reports the service spent: a response's, or a transcription's when it counts in tokens. */
function tokensOf(event: ControlEvent): number {
  const usage =
    event.type === 'response.done'
      ? (event.response as { usage?: { total_tokens?: unknown } } | undefined)?.usage
      : event.type === 'conversation.item.input_audio_transcription.completed'
        ? (event.usage as { type?: unknown; total_tokens?: unknown } | undefined)
        : undefined;
  const total = usage?.total_tokens;
  return typeof total === 'number' && Number.isFinite(total) && total > 0 ? total : 0;
}

/** A call's use as it goes: its seconds on a timer, its tokens from the service's events, all charged to its budgets. */
export interface CallMeter {
  /** Every server event of the call (the ones that report usage are charged). */
  event(event: ControlEvent): void;
  /** The call ended: what it used since the last charge is charged, and the timer stops. */
  stop(): void;
}

/**
 * Meters a call against its admission's budgets; `spent` is told once, when a charge finds a budget spent (the
 * caller then hangs the call up: after the response that crossed it, or within one charge of the minutes running out).
 */
export function meterCall(admission: Admission, spent: () => void): CallMeter {
  let last = Date.now();
  let told = false;
  const charge = (tokens = 0) => {
    const now = Date.now();
    const seconds = (now - last) / 1000;
    last = now;
    void admission.charge({ seconds, tokens }).then((within) => {
      if (within || told) return;
      told = true;
      spent();
    });
  };
  const timer = setInterval(() => charge(), admission.chargeEveryMs);
  return {
    event: (event) => {
      const tokens = tokensOf(event);
      if (tokens) charge(tokens);
    },
    stop: () => {
      clearInterval(timer);
      told = true;
      charge();
    },
  };
}

/** The session's `audio.input.turn_detection`, as the stand-in reads it. */
export interface TurnDetection {
  type: 'server_vad' | 'semantic_vad';
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  eagerness?: 'low' | 'medium' | 'high' | 'auto';
  create_response?: boolean;
  interrupt_response?: boolean;
  idle_timeout_ms?: number | null;
}

export interface TurnEvents {
  speechStarted(audioStartMs: number): void;
  speechStopped(audioEndMs: number, voicedMs: number): void;
}

// Semantic VAD waits for the end of a thought; without words, the stand-in waits longer the less eager it is.
const SEMANTIC_SILENCE_MS = { low: 1500, medium: 800, auto: 800, high: 400 } as const;
// Speech must last this long before it counts: a click or a breath is not a turn.
const ONSET_MS = 60;

/**
 * An energy voice-activity detector on the decoded microphone, one 20 ms frame at a time, with the API's timing
 * rules: speech starts after {@link ONSET_MS} of sound (reported `prefix_padding_ms` early) and stops after
 * `silence_duration_ms` of quiet. `threshold` (0..1, default 0.5) scales the level that counts as sound.
 */
export class TurnDetector {
  #clockMs = 0;
  #soundMs = 0;
  #quietMs = 0;
  #speaking = false;
  #voicedMs = 0;

  constructor(
    private config: TurnDetection,
    private readonly events: TurnEvents,
  ) {}

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Applies a new `turn_detection`; an utterance in progress carries on under the new rules. */
  configure(config: TurnDetection): void {
    this.config = config;
  }

  /** Feeds one decoded frame: its RMS level (0..1) and length. */
  frame(level: number, ms: number): void {
    this.#clockMs += ms;
    // Threshold 0.5 ≈ −40 dBFS; each 0.1 above or below moves it by 6 dB.
    const threshold = 0.01 * 2 ** (((this.config.threshold ?? 0.5) - 0.5) * 10);
    const sound = level > threshold;
    if (!this.#speaking) {
      this.#soundMs = sound ? this.#soundMs + ms : 0;
      if (this.#soundMs >= ONSET_MS) {
        this.#speaking = true;
        this.#quietMs = 0;
        this.#voicedMs = this.#soundMs;
        const start = this.#clockMs - this.#soundMs - (this.config.prefix_padding_ms ?? 300);
        this.events.speechStarted(Math.max(0, Math.round(start)));
      }
      return;
    }
    if (sound) {
      this.#quietMs = 0;
      this.#voicedMs += ms;
      return;
    }
    this.#quietMs += ms;
    const silence =
      this.config.type === 'semantic_vad'
        ? SEMANTIC_SILENCE_MS[this.config.eagerness ?? 'auto']
        : (this.config.silence_duration_ms ?? 500);
    if (this.#quietMs >= silence) {
      this.#speaking = false;
      this.#soundMs = 0;
      this.events.speechStopped(Math.round(this.#clockMs - this.#quietMs), this.#voicedMs);
    }
  }
}

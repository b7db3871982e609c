import type { ClientEvent } from '../protocol/client-events.js';

/** Speech over a reply must last this long (or produce words) to cut it; LiveKit Agents' default is 0.5 s too. */
export const DEFAULT_MIN_INTERRUPTION_MS = 500;

/** What the session's turn detection asked of the service before the element took interrupting and replying over. */
export interface TurnIntent {
  /** The visitor's speech may cut a reply (`interrupt_response`). */
  interrupt: boolean;
  /** A finished turn gets a reply (`create_response`). */
  reply: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The update with turn detection's `interrupt_response` and `create_response` off, so the element decides both, and
 * what the session had asked (kept from the call's first look: later echoes show our own `false`). Push-to-talk and
 * sessions whose host turned interruption off are left to the service.
 */
export function takeOverTurns(
  update: ClientEvent,
  effective: Json | undefined,
  known: TurnIntent | undefined,
): { update: ClientEvent; intent: TurnIntent | undefined } {
  const session = (update.session ?? {}) as Json;
  const sent =
    isObject(session.audio) && isObject(session.audio.input) ? session.audio.input.turn_detection : undefined;
  const current =
    isObject(effective?.audio) && isObject(effective.audio.input) ? effective.audio.input.turn_detection : undefined;
  const detection = sent !== undefined ? sent : current;
  if (!isObject(detection) || typeof detection.type !== 'string') return { update, intent: undefined };
  const intent = known ?? {
    interrupt: detection.interrupt_response !== false,
    reply: detection.create_response !== false,
  };
  if (!intent.interrupt) return { update, intent: undefined };
  if (sent === undefined && detection.interrupt_response === false && detection.create_response === false)
    return { update, intent };
  // The service refuses nulls where it wants values; the idle timeout alone is null when off.
  const whole = Object.fromEntries(
    Object.entries(detection).filter(([key, value]) => value !== null || key === 'idle_timeout_ms'),
  );
  const audio = isObject(session.audio) ? session.audio : {};
  const input = isObject(audio.input) ? audio.input : {};
  const turnDetection = { ...whole, interrupt_response: false, create_response: false };
  return {
    update: {
      ...update,
      session: { ...session, audio: { ...audio, input: { ...input, turn_detection: turnDetection } } },
    },
    intent,
  };
}

/** What the element does for the decisions it took over from the service. */
export interface TurnTakingHost {
  /** A reply is being generated or its voice is playing. */
  replying(): boolean;
  /** Stops the reply (as the Stop button does). */
  cut(): void;
  /** Asks for a reply to the visitor's turn (through the response gate). */
  reply(): void;
  /** A false start: the noise item leaves the conversation, the model's context and the transcript. */
  discard(itemId: string): void;
  /** The session transcribes the visitor's speech (so a false start's words may still come). */
  transcribes(): boolean;
}

interface Speech {
  itemId: string | undefined;
  /** It began while a reply was on: it cuts only once it proved to be speech. */
  overReply: boolean;
  cut: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Interruption owned by the element: speech over a reply cuts it only after `minMs` of speech, or once it produced
 * words; anything shorter is a false start, and the reply plays on. A turn that ends (committed) gets its reply from
 * here, since the service was told not to: a false start gets none, and leaves the conversation unless its
 * transcription finds words.
 */
export class TurnTaking {
  #intent: TurnIntent | undefined;
  #speech: Speech | undefined;
  /** False starts whose transcription may still find words. */
  #pending = new Set<string>();

  /** Speech over a reply cuts it after this long. */
  minMs = DEFAULT_MIN_INTERRUPTION_MS;

  constructor(private readonly host: TurnTakingHost) {}

  /** The element decides (this call's session was taken over), with what the session had asked. */
  own(intent: TurnIntent | undefined): void {
    this.#intent = intent;
  }

  get owned(): boolean {
    return this.#intent !== undefined;
  }

  /** `speech_started`: over a reply, the clock starts; otherwise it is simply the visitor's turn. */
  started(itemId: string | undefined): void {
    if (!this.#intent) return;
    this.#end();
    const speech: Speech = { itemId, overReply: this.host.replying(), cut: false, timer: undefined };
    this.#speech = speech;
    if (speech.overReply) speech.timer = setTimeout(() => this.#cut(speech), this.minMs);
  }

  /** `speech_stopped`: whether this was a turn of the visitor's (a false start is not, unless words come later). */
  stopped(): boolean {
    const speech = this.#speech;
    if (speech) clearTimeout(speech.timer);
    return !speech || !speech.overReply || speech.cut;
  }

  /** `input_audio_buffer.committed` under turn detection: the element replies, or drops a false start. */
  committed(itemId: string): void {
    const speech = this.#speech;
    if (!this.#intent || !speech || (speech.itemId !== undefined && speech.itemId !== itemId)) return;
    this.#end();
    if (!speech.overReply || speech.cut) return void (this.#intent.reply && this.host.reply());
    // Transcription decides whether the noise said something; without it there is nothing more to learn.
    if (this.host.transcribes()) this.#pending.add(itemId);
    else this.host.discard(itemId);
  }

  /** Transcription of `itemId` (a delta, or the final text; `null` when it failed or there is none). */
  words(itemId: string, text: string | null, final: boolean): void {
    const speech = this.#speech;
    const spoken = !!text?.trim();
    if (speech?.itemId === itemId && speech.overReply && !speech.cut && spoken) this.#cut(speech);
    if (!this.#pending.has(itemId) || (!spoken && !final)) return;
    this.#pending.delete(itemId);
    if (!spoken) return this.host.discard(itemId);
    if (this.host.replying()) this.host.cut();
    if (this.#intent?.reply) this.host.reply();
  }

  /** The call ended. */
  reset(): void {
    this.#end();
    this.#pending.clear();
    this.#intent = undefined;
  }

  #cut(speech: Speech): void {
    clearTimeout(speech.timer);
    if (speech.cut || this.#speech !== speech) return;
    speech.cut = true;
    if (this.host.replying()) this.host.cut();
  }

  #end(): void {
    clearTimeout(this.#speech?.timer);
    this.#speech = undefined;
  }
}

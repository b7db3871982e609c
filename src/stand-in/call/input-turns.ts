import { VOICE_THRESHOLD } from '../media/audio-in.js';
import { sleep, type CallContext } from './call-context.js';
import { audioTokens, obfuscation, textTokens } from './events.js';
import { newId } from './ids.js';
import type { Item } from './items.js';
import { TurnDetector, type TurnDetection } from './turn-detector.js';

// A late transcription lands this long after the reply was due to start.
const TRANSCRIPTION_LAG_MS = 400;
// The service refuses to commit less audio than this.
const MIN_COMMIT_MS = 100;
// A click, a beep or a cough holds no words: its transcription is empty (the stand-in's rule for the service's model).
const MIN_WORDS_MS = 250;

export interface TurnHandlers {
  /** The visitor started speaking (the reply may have to stop: barge-in). */
  speechStarted(): void;
  /** A turn was committed by turn detection (or the idle timeout): the model may answer. */
  turnEnded(createResponse: boolean): void;
}

/**
 * The visitor's side of a call: the input audio buffer, turn detection on its level, commits into user items, their
 * transcription (on its own time, as the service's), and the idle timeout.
 */
export class InputTurns {
  #detector: TurnDetector | undefined;
  /** Audio since the buffer was last committed or cleared. */
  #buffer = { ms: 0, voicedMs: 0 };
  /** The user item the current utterance will become (the service names it at speech_started). */
  #speechItemId: string | undefined;
  #clockMs = 0;
  /** The input clock when the current speech was detected. */
  #speechAtMs: number | undefined;
  #turns = 0;
  /** How much speech each committed user item held, for the stand-in's spoken answer. */
  readonly heardMs = new Map<string, number>();
  #idle: AbortController | undefined;

  constructor(
    private readonly call: CallContext,
    private readonly handlers: TurnHandlers,
  ) {
    this.configure();
  }

  get #turnDetection(): TurnDetection | null {
    return this.call.session.audio.input.turn_detection ?? null;
  }

  get speaking(): boolean {
    return !!this.#detector?.speaking;
  }

  /** The item the current speech will become (undefined: not speaking). */
  get speechId(): string | undefined {
    return this.#speechItemId;
  }

  /** How long the visitor has been speaking since turn detection heard them start (undefined: not speaking). */
  get speakingMs(): number | undefined {
    return this.speaking && this.#speechAtMs !== undefined ? this.#clockMs - this.#speechAtMs : undefined;
  }

  /** Follows the session's `turn_detection` (after every update). */
  configure(): void {
    const config = this.#turnDetection;
    if (!config) this.#detector = undefined;
    else if (this.#detector) this.#detector.configure(config);
    else
      this.#detector = new TurnDetector(config, {
        speechStarted: (ms) => this.#speechStarted(ms),
        speechStopped: (ms) => this.#speechStopped(ms),
      });
  }

  /** One frame of the visitor's microphone: its level (RMS 0..1) and length. */
  hear(level: number, ms: number): void {
    this.#clockMs += ms;
    this.#buffer.ms += ms;
    if (level > VOICE_THRESHOLD) this.#buffer.voicedMs += ms;
    this.#detector?.frame(level, ms);
  }

  /** `input_audio_buffer.clear`. */
  clear(): void {
    this.#buffer = { ms: 0, voicedMs: 0 };
    this.call.send({ type: 'input_audio_buffer.cleared' });
  }

  /** `input_audio_buffer.commit`: refused when the buffer holds too little audio. */
  commit(eventId: unknown): boolean {
    if (this.#buffer.ms < MIN_COMMIT_MS) {
      this.call.error(
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${Math.round(this.#buffer.ms)}ms of audio.`,
        eventId,
      );
      return false;
    }
    this.#commit(this.#speechItemId ?? newId('item'));
    return true;
  }

  #speechStarted(audioStartMs: number): void {
    this.#idle?.abort();
    this.#speechItemId = newId('item');
    this.#speechAtMs = this.#clockMs;
    this.call.send({
      type: 'input_audio_buffer.speech_started',
      audio_start_ms: audioStartMs,
      item_id: this.#speechItemId,
    });
    if (this.#turnDetection?.interrupt_response !== false) this.handlers.speechStarted();
  }

  #speechStopped(audioEndMs: number): void {
    const itemId = this.#speechItemId ?? newId('item');
    this.call.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: audioEndMs, item_id: itemId });
    this.#commit(itemId);
    this.handlers.turnEnded(this.#turnDetection?.create_response !== false);
  }

  /** The buffer becomes a user item; its transcription, when the session asks for one, follows on its own time. */
  #commit(itemId: string): void {
    const heardMs = this.#buffer.voicedMs;
    this.#buffer = { ms: 0, voicedMs: 0 };
    this.#speechItemId = undefined;
    const item: Item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null as unknown as string }],
    };
    const previous = this.call.items.insert(item);
    this.heardMs.set(itemId, heardMs);
    this.call.send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    this.call.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.call.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    if (!this.call.session.audio.input.transcription) return;
    // Like the service, a transcription sometimes lands after the reply has begun: every other turn, from the first.
    const late = this.#turns++ % 2 === 0;
    if (late)
      void sleep(this.call.replyDelayMs + TRANSCRIPTION_LAG_MS, this.call.signal).then(() =>
        this.#transcribe(item, heardMs),
      );
    else this.#transcribe(item, heardMs);
  }

  #transcribe(item: Item, heardMs: number): void {
    if (this.call.signal.aborted) return;
    if (this.call.scenario.failTranscription) {
      const error = {
        type: 'transcription_error',
        code: 'audio_unintelligible',
        message: 'The audio could not be transcribed.',
      };
      return this.call.send({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: item.id,
        content_index: 0,
        error,
      });
    }
    // The stand-in cannot recognise words, so its transcript says what it heard, and that it is the stand-in.
    const words = heardMs >= MIN_WORDS_MS;
    const transcript = words
      ? `[stand-in heard ${(heardMs / 1000).toFixed(1)} s of speech; it does not recognise words]`
      : '';
    const half = transcript.indexOf(';') + 1;
    for (const delta of words ? [transcript.slice(0, half), transcript.slice(half)] : []) {
      this.call.send({
        type: 'conversation.item.input_audio_transcription.delta',
        item_id: item.id,
        content_index: 0,
        delta,
        obfuscation: obfuscation(),
      });
    }
    if (item.type === 'message' && item.role === 'user') item.content = [{ type: 'input_audio', transcript }];
    const input = audioTokens(heardMs);
    const output = textTokens(transcript);
    const usage = {
      type: 'tokens' as const,
      total_tokens: input + output,
      input_tokens: input,
      input_token_details: { text_tokens: 0, audio_tokens: input },
      output_tokens: output,
    };
    this.call.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: item.id,
      content_index: 0,
      transcript,
      usage,
    });
  }

  /** With `idle_timeout_ms`, silence after the reply has played prompts the model to speak again. */
  armIdleTimeout(respond: () => void, busy: () => boolean): void {
    this.#idle?.abort();
    const ms = (this.#turnDetection as { idle_timeout_ms?: number | null } | null)?.idle_timeout_ms;
    if (!ms || this.call.signal.aborted) return;
    const idle = (this.#idle = new AbortController());
    const stop = () => idle.abort();
    this.call.signal.addEventListener('abort', stop, { once: true });
    void sleep(ms, idle.signal).then(() => {
      this.call.signal.removeEventListener('abort', stop);
      if (idle.signal.aborted || busy() || this.speaking) return;
      const itemId = newId('item');
      this.call.send({
        type: 'input_audio_buffer.timeout_triggered',
        audio_start_ms: Math.round(this.#clockMs - ms),
        audio_end_ms: Math.round(this.#clockMs),
        item_id: itemId,
      });
      this.#commit(itemId);
      respond();
    });
  }
}

import type { Activity } from './activity.js';
import type { Call } from '../call/call.js';
import type { Conversation, TranscriptEntry } from '../conversation/conversation.js';
import { VoiceError } from '../errors.js';
import type { Levels } from '../audio/levels.js';
import { answerOf, Asks, type AskOptions, type OutOfBandAnswer } from './out-of-band.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { OutOfBandResponse } from './out-of-band.js';
import {
  SessionEvent,
  SessionEventTarget,
  type SessionEventDetails,
  type SessionEventType,
  type SessionState,
  type TurnMetrics,
} from './session-events.js';
import { SessionModel } from './session-model.js';
import type { SessionSettings } from './session-settings.js';
import type { SessionOptions } from './session-update.js';
import type { Tool } from './tools.js';
import type { TransportChoice } from '../transport/transport-choice.js';
import type { Usage } from './usage.js';

/**
 * What a page reads of a conversation (who speaks, the levels, the transcript, usage) and what it asks the model
 * beside it (`ask()`, answered out of band). {@link VoiceSession} adds the calls that feed both.
 */
export abstract class SessionReadout extends SessionEventTarget {
  protected readonly model = new SessionModel((type, detail) => this.emit(type, detail));
  readonly #asks = new Asks();

  abstract get state(): SessionState;
  abstract send(event: ClientEvent): void;
  /** The current call (none between calls), and the page's settings: what the readouts below read. */
  protected abstract get call(): Call | undefined;
  protected abstract get settings(): SessionSettings;

  /** The `deviceId` of the microphone in use. */
  get microphoneId(): string | undefined {
    return this.call?.transport.microphoneId;
  }
  /** Which transport carries the current (or last) call, and why. */
  get transport(): TransportChoice | undefined {
    return this.call?.choice;
  }
  /** The server's id for the current call (`rtc_…`), when it told us. */
  get callId(): string | undefined {
    return this.call?.transport.callId;
  }
  /** The host server's ticket to attach its control to the current call (token path), when it gave one. */
  get attachTicket(): string | undefined {
    return this.call?.transport.attachTicket;
  }
  /** The session settings in effect: the page's, with every `updateSession` applied. */
  get sessionOptions(): SessionOptions {
    return this.settings.options;
  }
  /** The page's tools. */
  get tools(): readonly Tool[] {
    return this.settings.tools;
  }
  /** The session's tools that are not the page's: the host's server answers those. */
  get serverTools(): ReadonlySet<string> {
    return this.settings.serverTools(this.call?.effective);
  }

  /** Who is speaking: `listening`, `user-speaking`, `thinking`, `assistant-speaking` (`idle` with no call). */
  get activity(): Activity {
    return this.model.activity;
  }
  /** Microphone and voice loudness, 0..1, refreshed every 100 ms while live (every 50 ms while a turn is timed). */
  get levels(): Levels {
    return { ...this.model.levels };
  }
  /** The last completed turn's latency. */
  get lastTurn(): TurnMetrics | undefined {
    return this.model.turns.last;
  }
  /** The conversation so far, in display order (dividers mark where a replacement call took over). */
  get conversation(): Conversation {
    return this.model.conversation.items;
  }
  /** The conversation with the time each item was first seen (ISO 8601), for a transcript to keep. */
  get transcript(): TranscriptEntry[] {
    return this.model.transcript();
  }
  /** Tokens used in this conversation so far, by kind, and the latest rate limits. */
  get usage(): Usage {
    return this.model.usage;
  }
  /** Empties the page's copy only: the service still remembers the call. */
  clearConversation(): void {
    this.model.clear();
  }

  /**
   * Asks the model something beside the conversation (a classification, a summary): an out-of-band response whose
   * text comes back here and in a `response` event, never in the transcript, and which the visitor's reply does not
   * wait for. Rejects with `not_connected` when no call is live, or when the conversation ends first.
   */
  ask(instructions: string, options?: AskOptions): Promise<OutOfBandAnswer> {
    if (this.state !== 'live') return Promise.reject(new VoiceError('not_connected', '', undefined, true));
    const { event, answer } = this.#asks.ask(instructions, options);
    this.send(event);
    return answer;
  }

  /** An out-of-band response ended: the question it answers is answered, and the page told. */
  protected answered(response: OutOfBandResponse): void {
    const answer = answerOf(response);
    this.#asks.done(answer);
    this.emit('response', answer);
  }

  /** The conversation ended: questions still waiting are not answered. */
  protected forgetQuestions(): void {
    this.#asks.cancelAll();
  }

  protected emit<K extends SessionEventType>(type: K, detail: SessionEventDetails[K]): void {
    this.dispatchEvent(new SessionEvent(type, detail));
  }
}

import { VoiceError } from '../errors.js';
import type { ClientEvent } from '../protocol/client-events.js';
import { ignoredSettings, merge, sessionUpdate, undeclaredTools, type SessionOptions } from './session-update.js';
import type { Tool } from './tools.js';
import { takeOverTurns, type TurnIntent, type TurnTaking } from './turn-taking.js';

type Json = Record<string, unknown>;

/**
 * The page's settings for the session, kept across calls: what the opening `session.update` of each call sends,
 * what changes mid-call, and which of the session's tools are the page's (the rest are the host's server's).
 */
export class SessionSettings {
  #pageTools = new Set<string>();
  #voice: string | undefined;
  /** The model has spoken in this conversation: its voice can no longer change. */
  #voiceLocked = false;
  /** What the call's turn detection asked before the element took interruption over; undefined: the service decides. */
  #turnIntent: TurnIntent | undefined;

  constructor(
    public options: SessionOptions,
    public tools: readonly Tool[],
    /** Decides interruption and replies when the session's turn detection is taken over (`minMs` 0: never). */
    private readonly turnTaking: TurnTaking,
  ) {}

  get pushToTalk(): boolean {
    return this.options.turnDetection === 'none';
  }

  /** The opening update of a call, merged over what `session.created` said the session is. */
  opening(effective: Json | undefined): ClientEvent {
    const options = this.tools.length ? { ...this.options, tools: this.tools } : this.options;
    this.#pageTools = new Set(this.tools.map((tool) => tool.name));
    this.#turnIntent = undefined;
    return this.#ownTurns(sessionUpdate(options, effective, { transcribeByDefault: true }), effective);
  }

  /**
   * New settings: kept for later calls, and returned as the update to send now (merged over `effective`). A new
   * voice after the model has spoken throws `voice_locked`.
   */
  change(options: SessionOptions, effective: Json | undefined): ClientEvent {
    const voice = this.#voice ?? this.options.voice;
    if (options.voice && this.#voiceLocked && voice && options.voice !== voice)
      throw new VoiceError('voice_locked', voice, undefined, true);
    this.options = { ...this.options, ...options, extra: merge(this.options.extra ?? {}, options.extra ?? {}) };
    return this.#ownTurns(sessionUpdate(options, effective, { pageTools: this.#pageTools }), effective);
  }

  /** Turn detection's interrupting and replying go to the element (see {@link takeOverTurns}). */
  #ownTurns(update: ClientEvent, effective: Json | undefined): ClientEvent {
    if (this.turnTaking.minMs <= 0) return update;
    const taken = takeOverTurns(update, effective, this.#turnIntent);
    this.turnTaking.own((this.#turnIntent = taken.intent));
    return taken.update;
  }

  /** New page tools: kept, and returned as the update to send now (the host's tools stay declared). */
  changeTools(tools: readonly Tool[], effective: Json | undefined): ClientEvent {
    this.tools = tools;
    const update = sessionUpdate({ tools }, effective, { pageTools: this.#pageTools });
    this.#pageTools = new Set(tools.map((tool) => tool.name));
    return update;
  }

  /** The page's settings the session, as the service described it, cannot apply. */
  ignored(effective: Json | undefined): string[] {
    return [...ignoredSettings(this.options, effective), ...undeclaredTools(this.tools, effective, this.#pageTools)];
  }

  /** The session's tools that are not the page's: the host's server answers calls to those. */
  serverTools(effective: Json | undefined): ReadonlySet<string> {
    const declared = (effective?.tools as { name?: string }[] | undefined) ?? [];
    return new Set(declared.map((tool) => String(tool.name)).filter((name) => !this.#pageTools.has(name)));
  }

  /** The service said which voice the session has. */
  heardVoice(voice: string | undefined): void {
    this.#voice = voice ?? this.#voice;
  }

  /** The model spoke (or a new conversation began: `false`). */
  lockVoice(locked: boolean): void {
    this.#voiceLocked = locked;
  }
}

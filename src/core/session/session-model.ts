import { nextActivity, withVoice, type Activity } from './activity.js';
import {
  ConversationState,
  type Conversation,
  type ConversationItem,
  type TranscriptEntry,
} from '../conversation/conversation.js';
import type { Levels } from '../audio/levels.js';
import type { ClientEvent } from '../protocol/client-events.js';
import type { KnownServerEvent } from '../protocol/server-events.js';
import { reseedEvents } from './reconnect.js';
import type { SessionEventDetails, SessionEventType } from './session-events.js';
import { TurnClock } from './turn-clock.js';
import { addUsage, emptyUsage, type Usage } from './usage.js';

type Emit = <K extends SessionEventType>(type: K, detail: SessionEventDetails[K]) => void;

/**
 * What the visitor sees of a conversation, folded from server events: its items, who is speaking, the levels, the
 * usage and each turn's latency. It says what changed through the session's events.
 */
export class SessionModel {
  conversation = new ConversationState();
  usage: Usage = emptyUsage();
  activity: Activity = 'idle';
  levels: Levels = { input: 0, output: 0 };
  readonly turns = new TurnClock();
  /** Items carried into a replacement call: the service's echo of them changes nothing. */
  #reseeded = new Set<string>();
  /** The visitor's typed messages sent and not yet echoed by the service: a call lost meanwhile never had them. */
  #unechoed: ClientEvent[] = [];

  constructor(private readonly emit: Emit) {}

  /** A new conversation begins, from what an earlier page kept of one when `restored` has items. */
  reset(restored: Conversation = []): void {
    this.conversation = new ConversationState();
    this.conversation.restore(restored);
    this.usage = emptyUsage();
    this.#reseeded.clear();
    this.#unechoed = [];
    this.turns.reset();
  }

  /** Folds a server event in; `followActivity` is false while the visitor holds push-to-talk (they are the one speaking). */
  observe(event: KnownServerEvent, followActivity: boolean): void {
    const usage = addUsage(this.usage, event);
    if (usage) this.emit('usage', { usage: (this.usage = usage) });
    if (followActivity) this.setActivity(nextActivity(this.activity, event));
    const echo =
      (event.type === 'conversation.item.added' || event.type === 'conversation.item.done') &&
      this.#reseeded.has(event.item.id);
    if (!echo) this.changed(this.conversation.apply(event));
    if (event.type === 'conversation.item.added') {
      const text = typedText(event.item);
      const at = this.#unechoed.findIndex((sent) => typedText(sent.item) === text);
      if (text !== undefined && at >= 0) this.#unechoed.splice(at, 1);
    }
  }

  /** The page sent `event`: a message of the visitor's starts a turn, and is owed the service's echo. */
  sent(event: ClientEvent): void {
    if (event.type !== 'conversation.item.create' || (event.item as { role?: string } | undefined)?.role !== 'user')
      return;
    this.turns.start('text');
    if (typedText(event.item) !== undefined) this.#unechoed.push(event);
  }

  /** The voice started or stopped playing where the transport plays it (WebSocket: no `output_audio_buffer.*`). */
  voice(playing: boolean, followActivity: boolean): void {
    if (followActivity) this.setActivity(withVoice(this.activity, playing));
  }

  setActivity(activity: Activity): void {
    const previous = this.activity;
    if (previous === activity) return;
    this.activity = activity;
    this.emit('activity', { activity, previous });
  }

  /** New levels (the microphone's reads 0 while muted); returns the turn's latency when the voice just became audible. */
  heard(levels: Levels, muted: boolean): ReturnType<TurnClock['level']> {
    this.levels = muted ? { ...levels, input: 0 } : levels;
    this.emit('levels', { ...this.levels });
    return this.turns.level(levels.output);
  }

  /**
   * The conversation as items for a replacement call (their echo from the new call is ignored), then the visitor's
   * messages the lost call never echoed, sent again (their echo shows them).
   */
  reseed(): ClientEvent[] {
    const carried = this.#unechoed.splice(0).map(({ event_id: _, ...event }) => event);
    const events = reseedEvents(this.conversation.items, carried);
    for (const { item } of events) if ((item as { id?: string })?.id) this.#reseeded.add((item as { id: string }).id);
    return events;
  }

  /** Each item with the time it was first seen (ISO 8601). */
  transcript(): TranscriptEntry[] {
    return this.conversation.items.map((item) => ({
      ...item,
      time: new Date(this.conversation.seenAt(item.id) ?? Date.now()).toISOString(),
    }));
  }

  /** The page's copy of the conversation is emptied; the service still remembers the call. */
  clear(): void {
    this.conversation.clear();
    this.emit('conversation', { items: this.conversation.items, changed: [] });
  }

  changed(items: ConversationItem[]): void {
    if (items.length) this.emit('conversation', { items: this.conversation.items, changed: items });
  }

  /** The call is gone: nobody speaks, nothing plays. */
  idle(): void {
    this.turns.cancel();
    this.levels = { input: 0, output: 0 };
    this.setActivity('idle');
  }
}

/** A typed message's text (a user message whose first part is `input_text`), else undefined. */
function typedText(item: unknown): string | undefined {
  const message = item as { role?: string; content?: { type?: string; text?: string }[] } | undefined;
  const part = message?.role === 'user' ? message.content?.[0] : undefined;
  return part?.type === 'input_text' ? part.text : undefined;
}

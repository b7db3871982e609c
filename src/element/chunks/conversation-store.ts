import type { ConversationItem, TranscriptEntry } from '../../core/index.js';
import { redact } from '../../core/redact.js';

/** Where a kept conversation lives: this tab only (sessionStorage), or the site in this browser (localStorage). */
export type PersistKind = 'tab' | 'site';

/** What the element lends its store: the conversation to keep, and what to do when another tab acts. */
export interface StoreHost {
  readonly element: HTMLElement;
  conversation(): readonly TranscriptEntry[];
  running(): boolean;
  /** Another tab started this conversation's call: this one ends its own. */
  takenOver(): void;
  /** The kept conversation changed in another tab (or was forgotten): this idle tab shows it. */
  changed(): void;
  /** Said in the event log only: nothing here is the visitor's business. */
  log(message: string): void;
}

// The newest messages only, each bounded: a reload must stay fast and storage small.
const KEPT_ITEMS = 50;
const KEPT_CHARS = 4000;
// A site's conversation left alone this long is forgotten; a tab's goes with the tab.
const SITE_KEEP_MS = 24 * 60 * 60 * 1000;
const SAVE_DELAY_MS = 250;
const FORMAT = 1;

type Message = { type: 'claim' | 'saved' | 'forget'; tab: string };

/**
 * The conversation kept across the site's pages (opt-in, `persist`): the newest messages, keys redacted, written as
 * one value (a reader never sees half a write). With `site`, tabs tell each other through a BroadcastChannel: the
 * newest to go live owns the call, the others end theirs and show what it keeps. Storage refused or full is logged.
 */
export class ConversationStore {
  #storage: Storage | undefined;
  #channel: BroadcastChannel | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #tab = Math.random().toString(36).slice(2);
  /** Whether this tab's own call wrote the kept conversation (an idle tab never overwrites another's). */
  #owner = false;
  readonly #listeners: [EventTarget, string, EventListener][] = [];

  constructor(
    readonly kind: PersistKind,
    private readonly key: string,
    private readonly host: StoreHost,
  ) {
    try {
      this.#storage = kind === 'site' ? localStorage : sessionStorage;
    } catch (e) {
      host.log(`conversation not kept: storage refused (${errorName(e)})`);
    }
    if (kind === 'site' && typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(key);
      this.#channel.onmessage = ({ data }: MessageEvent<Message>) => this.#heard(data);
    }
    this.#on(host.element, 'rvc-transcript', () => this.#owner && this.save());
    this.#on(host.element, 'rvc-state', ({ detail }: CustomEvent<{ state: string }>) => {
      if (detail.state !== 'live' || this.#owner) return;
      this.#owner = true;
      this.#post('claim');
    });
    this.#on(window, 'pagehide', () => this.flush());
  }

  /** The kept conversation, as it was when last written (nothing when there is none, it expired, or it is unreadable). */
  load(): TranscriptEntry[] {
    let raw: string | null | undefined;
    try {
      raw = this.#storage?.getItem(this.key);
    } catch (e) {
      this.host.log(`kept conversation not read (${errorName(e)})`);
    }
    const kept = raw ? parse(raw) : undefined;
    if (!kept) return [];
    if (this.kind === 'site' && Date.now() - kept.savedAt > SITE_KEEP_MS) {
      this.#remove();
      return [];
    }
    return kept.items;
  }

  /** Writes the conversation soon (deltas come many a second: one write for a burst of them). */
  save(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Writes now what is waiting (the page is going away). */
  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const items = keptItems(this.host.conversation());
    if (!items.length) return;
    try {
      this.#storage?.setItem(this.key, JSON.stringify({ v: FORMAT, savedAt: Date.now(), items }));
      this.#post('saved');
    } catch (e) {
      this.host.log(`conversation not kept: storage full or refused (${errorName(e)})`);
    }
  }

  /** End or Clear: the kept conversation is gone, here and in the site's other tabs. */
  forget(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#owner = false;
    this.#remove();
    this.#post('forget');
  }

  close(): void {
    this.flush();
    this.#channel?.close();
    for (const [target, type, listener] of this.#listeners.splice(0)) target.removeEventListener(type, listener);
  }

  #heard({ type, tab }: Message): void {
    if (tab === this.#tab) return;
    if (type === 'claim') {
      // The newest tab to go live owns the conversation: this one stops writing, and ends a call it still has.
      this.#owner = false;
      clearTimeout(this.#timer);
      this.#timer = undefined;
      if (this.host.running()) this.host.takenOver();
    }
    if (!this.host.running()) this.host.changed();
  }

  #remove(): void {
    try {
      this.#storage?.removeItem(this.key);
    } catch (e) {
      this.host.log(`kept conversation not removed (${errorName(e)})`);
    }
  }

  #post(type: Message['type']): void {
    this.#channel?.postMessage({ type, tab: this.#tab } satisfies Message);
  }

  #on<E extends Event>(target: EventTarget, type: string, listener: (event: E) => void): void {
    target.addEventListener(type, listener as EventListener);
    this.#listeners.push([target, type, listener as EventListener]);
  }
}

/** What is kept of a conversation: the newest said messages (no tool calls or dividers), each bounded and redacted. */
function keptItems(items: readonly TranscriptEntry[]): TranscriptEntry[] {
  return items
    .filter((item) => (item.role === 'user' || item.role === 'assistant') && item.text)
    .slice(-KEPT_ITEMS)
    .map(({ id, role, text, status, time }) => ({
      id,
      role,
      text: redact(text.length > KEPT_CHARS ? `${text.slice(0, KEPT_CHARS - 1)}…` : text),
      // A reply under way when the page went is as far as it got: it will not finish.
      status: status === 'in_progress' ? 'interrupted' : status,
      time,
    }));
}

const STATUSES = new Set<ConversationItem['status']>(['completed', 'interrupted', 'incomplete', 'failed']);

/** A stored value read back: anything not exactly what {@link keptItems} writes is dropped, whole. */
function parse(raw: string): { savedAt: number; items: TranscriptEntry[] } | undefined {
  try {
    const value = JSON.parse(raw) as { v?: unknown; savedAt?: unknown; items?: unknown };
    if (value.v !== FORMAT || typeof value.savedAt !== 'number' || !Array.isArray(value.items)) return undefined;
    const items = (value.items as Partial<Record<keyof TranscriptEntry, unknown>>[]).slice(-KEPT_ITEMS);
    const valid = items.every(
      (item) =>
        typeof item.id === 'string' &&
        (item.role === 'user' || item.role === 'assistant') &&
        typeof item.text === 'string' &&
        item.text.length <= KEPT_CHARS &&
        STATUSES.has(item.status as ConversationItem['status']) &&
        typeof item.time === 'string',
    );
    if (!valid) return undefined;
    return { savedAt: value.savedAt, items: items as TranscriptEntry[] };
  } catch {
    return undefined;
  }
}

const errorName = (e: unknown): string => (e instanceof Error ? e.name : String(e));

/** The conversation as shown before the first Start: the kept messages under an "earlier" divider. */
export function restoredConversation(items: readonly TranscriptEntry[]): TranscriptEntry[] {
  const first = items[0];
  if (!first) return [];
  return [
    { id: 'earlier', role: 'divider', text: '', status: 'completed', reason: 'restored', time: first.time },
    ...items,
  ];
}

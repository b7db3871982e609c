import { appendRedacted } from './append-redacted.js';
import { heardPart } from './heard-text.js';
import type { KnownServerEvent } from '../protocol/server-events.js';
import { redact } from '../redact.js';

import type { Conversation, ConversationItem, ItemRole, ItemStatus, ToolKind } from './conversation-item.js';

export type {
  Conversation,
  ConversationItem,
  ItemRole,
  ItemStatus,
  ToolKind,
  TranscriptEntry,
} from './conversation-item.js';

/**
 * Items kept: when a conversation reaches {@link MAX_ITEMS} + 10 %, its oldest items leave together, down to
 * `MAX_ITEMS` (in batches, so each event still costs constant time on average).
 */
export const MAX_ITEMS = 1000;
const TRIM_AT = MAX_ITEMS + MAX_ITEMS / 10;
/** Characters kept per item; text past it is dropped (and the item ends with `…`). */
export const MAX_ITEM_TEXT = 32_000;

const ROLES: readonly string[] = ['user', 'assistant', 'system'];
const TOOL_KINDS: readonly string[] = ['function_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request'];
type Patch = { -readonly [K in Exclude<keyof ConversationItem, 'id'>]?: ConversationItem[K] };
type Item = Extract<KnownServerEvent, { type: 'conversation.item.added' }>['item'];

const bounded = (text: string): string => (text.length > MAX_ITEM_TEXT ? `${text.slice(0, MAX_ITEM_TEXT - 1)}…` : text);
/** Text of an item's content parts: typed text, spoken transcript or model text. */
const contentText = (content: Item['content']): string =>
  (content ?? []).map((part) => part.text ?? part.transcript ?? '').join('');
const final = (done: boolean, status: string | undefined): ItemStatus | undefined =>
  done ? (status === 'incomplete' ? 'interrupted' : 'completed') : undefined;

/**
 * The conversation, folded from server events: keyed by item id, placed by `previous_item_id` (the service's order,
 * whatever order events arrive in). Each event costs constant time but for the rare insertion above the end;
 * {@link apply} returns the items it changed.
 */
export class ConversationState {
  #items: ConversationItem[] = [];
  #index = new Map<string, number>();
  /** When each item was first seen (epoch ms): for transcripts with times. */
  #seen = new Map<string, number>();
  /** Idle-timeout commits: silence, never shown as a voice message. */
  #silent = new Set<string>();
  /** Responses out of band (`conversation_id: null`): the page's business, never the visitor's transcript. */
  #outOfBand = new Set<string>();
  #version = 0;

  get items(): Conversation {
    return this.#items;
  }

  /** Grows with every change, removals included. */
  get version(): number {
    return this.#version;
  }

  /** When the item was first seen, epoch ms. */
  seenAt(id: string): number | undefined {
    return this.#seen.get(id);
  }

  /** Empties the conversation (what the page shows; the service's memory of the call is not touched). */
  clear(): void {
    this.#items = [];
    this.#index.clear();
    this.#seen.clear();
    this.#version++;
  }

  get(id: string): ConversationItem | undefined {
    const index = this.#index.get(id);
    return index === undefined ? undefined : this.#items[index];
  }

  /** Whether a response runs out of band (asked for with `conversation: "none"`). */
  isOutOfBand(responseId: string | null | undefined): boolean {
    return !!responseId && this.#outOfBand.has(responseId);
  }

  /** Folds one server event; returns the items it added or changed (none for unrelated events). */
  apply(event: KnownServerEvent): ConversationItem[] {
    if (this.#outside(event)) return [];
    switch (event.type) {
      case 'conversation.item.added':
      case 'conversation.item.done':
      case 'conversation.item.retrieved':
        return this.#fromItem(
          event.item,
          event.type === 'conversation.item.done',
          'previous_item_id' in event ? event.previous_item_id : undefined,
          event.type === 'conversation.item.retrieved',
        );
      case 'response.output_item.added':
        return this.#fromItem(event.item, false, undefined, false);
      case 'input_audio_buffer.timeout_triggered':
        this.#silent.add(event.item_id);
        if (this.#silent.size > MAX_ITEMS) this.#silent.delete(this.#silent.values().next().value!);
        return [];
      case 'input_audio_buffer.committed':
        return this.#silent.has(event.item_id) ? [] : this.#upsert(event.item_id, {}, event.previous_item_id, 'user');
      case 'conversation.item.input_audio_transcription.delta':
        return this.#silent.has(event.item_id) ? [] : this.#grow(event.item_id, event.delta, 'user');
      case 'conversation.item.input_audio_transcription.completed':
        return this.#silent.has(event.item_id)
          ? []
          : this.#upsert(event.item_id, { text: event.transcript, status: 'completed' }, undefined, 'user');
      case 'conversation.item.input_audio_transcription.failed':
        return this.#silent.has(event.item_id)
          ? []
          : this.#upsert(
              event.item_id,
              { status: 'failed', reason: event.error?.code ?? 'transcription_failed' },
              undefined,
              'user',
            );
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
        return this.#grow(event.item_id, event.delta);
      case 'response.output_audio_transcript.done':
        return this.#upsert(event.item_id, { text: event.transcript });
      case 'response.output_text.done':
        return this.#upsert(event.item_id, { text: event.text });
      case 'conversation.item.truncated':
        return this.#truncate(event.item_id, event.audio_end_ms);
      case 'response.mcp_call.failed':
      case 'mcp_list_tools.failed':
        return this.#upsert(event.item_id, { status: 'failed' }, undefined, 'tool', true);
      case 'response.done':
        return this.#responseDone(event.response);
      case 'conversation.item.deleted':
        return this.#remove(event.item_id);
      default:
        return [];
    }
  }

  /** Out-of-band responses are noted when created; their output never reaches the transcript. */
  #outside(event: KnownServerEvent): boolean {
    if (event.type === 'response.created' && event.response.conversation_id === null && event.response.id) {
      this.#outOfBand.add(event.response.id);
      if (this.#outOfBand.size > MAX_ITEMS) this.#outOfBand.delete(this.#outOfBand.values().next().value!);
    }
    const responseId =
      event.type === 'response.done' ? event.response.id : 'response_id' in event ? event.response_id : undefined;
    return this.isOutOfBand(responseId);
  }

  /** A reply cut where the voice stopped: the text shown is what was heard, the whole of it kept beside. */
  #truncate(id: string, audioEndMs: number): ConversationItem[] {
    const current = this.get(id);
    const full = current?.fullText ?? current?.text ?? '';
    const text = heardPart(full, audioEndMs);
    const patch: Patch = { status: 'interrupted', text };
    if (text !== full) patch.fullText = full;
    return this.#upsert(id, patch, undefined, 'assistant', true);
  }

  /**
   * A divider after the last item: a replacement call takes over from here. What the lost call left under way stays
   * as far as it got, marked interrupted (it will never finish).
   */
  addDivider(id: string): ConversationItem[] {
    // A typed message is whole as it stands; a reply, a tool call or speech still being transcribed never will be.
    const cut = this.#items.filter((item) => item.status === 'in_progress' && !(item.role === 'user' && item.text));
    const patch: Patch = { status: 'interrupted', reason: 'connection_lost' };
    return [
      ...cut.flatMap((item) => this.#upsert(item.id, patch, undefined, item.role, true)),
      ...this.#upsert(id, { role: 'divider', status: 'completed' }, undefined, 'divider'),
    ];
  }

  /** Starts from a conversation kept from an earlier page: its items as they were (and when), before anything new. */
  restore(items: readonly (ConversationItem & { time?: string })[]): ConversationItem[] {
    return items.flatMap(({ id, time, ...item }) => {
      const restored = this.#upsert(id, { ...item, text: bounded(item.text) }, undefined, item.role, true);
      const at = time === undefined ? NaN : Date.parse(time);
      if (!Number.isNaN(at)) this.#seen.set(id, at);
      return restored;
    });
  }

  /** An approval request was answered (the page or the visitor decided). */
  setApproval(id: string, approved: boolean): ConversationItem[] {
    return this.#upsert(
      id,
      { approval: approved ? 'approved' : 'denied', status: 'completed' },
      undefined,
      'tool',
      true,
    );
  }

  #fromItem(item: Item, done: boolean, previousId: string | null | undefined, retrieved: boolean): ConversationItem[] {
    if (item.type === 'function_call_output') {
      const call = this.#items.find((i) => i.callId === item.call_id);
      return call && typeof item.output === 'string' ? this.#upsert(call.id, { output: item.output }) : [];
    }
    if (item.type === 'mcp_approval_response') {
      return item.approval_request_id ? this.setApproval(item.approval_request_id, !!item.approve) : [];
    }
    if (TOOL_KINDS.includes(item.type)) {
      const patch: Patch = {
        role: 'tool',
        kind: item.type as ToolKind,
        name: item.type === 'mcp_list_tools' ? (item.server_label ?? '') : (item.name ?? ''),
        text: item.arguments ?? '',
      };
      if (item.call_id) patch.callId = item.call_id;
      if (item.server_label) patch.server = item.server_label;
      if (typeof item.output === 'string') patch.output = item.output;
      if (item.error) patch.status = 'failed';
      else if (item.type === 'mcp_list_tools' || item.type === 'mcp_call')
        patch.status = done || typeof item.output === 'string' ? 'completed' : 'in_progress';
      else if (done && item.type === 'function_call') patch.status = final(done, item.status);
      return this.#upsert(item.id, patch, previousId, 'tool');
    }
    if (item.type !== 'message' || !item.role || !ROLES.includes(item.role) || this.#silent.has(item.id)) return [];
    // The service's copy of a truncated item has lost its transcript: the words heard are ours alone.
    if (retrieved && this.get(item.id)?.status === 'interrupted') return [];
    const patch: Patch = { role: item.role as ItemRole };
    // Parts came redacted one by one: joined, they could assemble a key.
    const text = redact(contentText(item.content));
    if (text) patch.text = text;
    const status = final(done, item.status);
    if (status) patch.status = status;
    return this.#upsert(item.id, patch, previousId, patch.role, retrieved);
  }

  #responseDone(response: Extract<KnownServerEvent, { type: 'response.done' }>['response']): ConversationItem[] {
    const { status, status_details: details } = response;
    const failed = status === 'failed';
    const mark: ItemStatus =
      status === 'cancelled' ? 'interrupted' : status === 'incomplete' ? 'incomplete' : failed ? 'failed' : 'completed';
    const reason = details?.error?.code ?? details?.reason ?? undefined;
    const changed: ConversationItem[] = [];
    for (const out of response.output ?? []) {
      const current = out.id ? this.get(out.id) : undefined;
      // An item the service finished as `incomplete` arrives interrupted; the response says why it stopped.
      const upgrade = mark === 'incomplete' && current?.status === 'interrupted';
      if (current && (current.status === 'in_progress' || upgrade)) {
        changed.push(
          ...this.#upsert(
            current.id,
            reason && mark !== 'completed' ? { status: mark, reason } : { status: mark },
            undefined,
            'assistant',
            upgrade,
          ),
        );
      }
    }
    // A response that failed before it said anything still shows, so the visitor knows a reply failed.
    if (failed && !changed.length && response.id)
      changed.push(...this.#upsert(response.id, { role: 'assistant', status: 'failed', reason: reason ?? 'failed' }));
    return changed;
  }

  /** Adds a delta to an item's text; a full item takes no more (no copy of its 32,000 characters per delta). */
  #grow(id: string, delta: string | undefined, role?: ItemRole): ConversationItem[] {
    const text = this.get(id)?.text ?? '';
    if (text.length >= MAX_ITEM_TEXT) return [];
    // Each delta came redacted alone: a key split across deltas is redacted here, where they join.
    return this.#upsert(id, { text: appendRedacted(text, delta ?? '') }, undefined, role);
  }

  /**
   * Inserts or updates an item. A new item goes right after `previousId` when that item is known, at the top when
   * `previousId` is null, and at the end otherwise. A final item (interrupted or failed) only changes when `force`.
   */
  #upsert(
    id: string,
    patch: Patch,
    previousId?: string | null,
    fallbackRole: ItemRole = 'assistant',
    force = false,
  ): ConversationItem[] {
    const index = this.#index.get(id);
    const current = index === undefined ? undefined : this.#items[index];
    // An interrupted item is final: late deltas and transcripts of a cancelled response never make it grow.
    if (current && !force && (current.status === 'interrupted' || current.status === 'failed')) return [];
    if (patch.text !== undefined) patch.text = bounded(patch.text);
    const next: ConversationItem = current
      ? { ...current, ...patch }
      : { id, role: fallbackRole, text: '', status: 'in_progress', ...patch };
    let position = index ?? this.#items.length;
    // The service's order wins over arrival order: an item placed before its predecessor was known moves into place.
    if (previousId === null) position = 0;
    else if (previousId) {
      const previous = this.#index.get(previousId);
      if (previous !== undefined)
        position = index !== undefined && previous < index ? previous + 1 : previous + (index === undefined ? 1 : 0);
      // A divider right after the item it follows stays with it: what the new call says comes below the divider.
      if (previous !== undefined)
        while (this.#items[position]?.role === 'divider' && this.#items[position].id !== id) position++;
    }
    if (current && position === index) {
      if ((Object.keys(patch) as (keyof Patch)[]).every((key) => next[key] === current[key])) return [];
      this.#items[index] = next;
      this.#version++;
      return [next];
    }
    this.#version++;
    if (!current) this.#seen.set(id, Date.now());
    if (index !== undefined) this.#items.splice(index, 1);
    if (index === undefined && position === this.#items.length) this.#items.push(next);
    else this.#items.splice(Math.min(position, this.#items.length), 0, next);
    this.#reindex(Math.min(index ?? position, position));
    if (this.#items.length > TRIM_AT) this.#drop(this.#items.length - MAX_ITEMS);
    return [next];
  }

  #remove(id: string): ConversationItem[] {
    const index = this.#index.get(id);
    if (index === undefined) return [];
    this.#items.splice(index, 1);
    this.#index.delete(id);
    this.#seen.delete(id);
    this.#reindex(index);
    this.#version++;
    return [];
  }

  #drop(count: number): void {
    for (const item of this.#items.splice(0, count)) {
      this.#index.delete(item.id);
      this.#seen.delete(item.id);
    }
    this.#reindex(0);
  }

  #reindex(from: number): void {
    for (let i = from; i < this.#items.length; i++) this.#index.set(this.#items[i].id, i);
  }
}

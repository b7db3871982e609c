import type { KnownServerEvent } from './protocol/server-events.js';

export type ItemRole = 'user' | 'assistant' | 'system' | 'tool';
export type ItemStatus = 'in_progress' | 'completed' | 'interrupted';

/** One message in the conversation, as the visitor sees it. */
export interface ConversationItem {
  readonly id: string;
  readonly role: ItemRole;
  readonly text: string;
  readonly status: ItemStatus;
  /** A tool call's function name (`role: "tool"`); its `text` holds the arguments. */
  readonly name?: string;
  readonly callId?: string;
  /** What the page's tool answered, once it did. */
  readonly output?: string;
}

/** The conversation in display order. Items are immutable: a changed item is a new object. */
export type Conversation = readonly ConversationItem[];

const ROLES: readonly string[] = ['user', 'assistant', 'system'];

type Patch = { -readonly [K in Exclude<keyof ConversationItem, 'id'>]?: ConversationItem[K] };

/** Text of an item's content parts: typed text, spoken transcript or model text. */
function contentText(content: readonly { text?: string | null; transcript?: string | null }[] | undefined): string {
  return (content ?? []).map((part) => part.text ?? part.transcript ?? '').join('');
}

/**
 * Inserts or updates an item. A new item goes right after `previousId` when that item is known (the server's order,
 * whatever order events arrive in), at the top when `previousId` is null, and at the end otherwise.
 */
function upsert(items: Conversation, id: string, patch: Patch, previousId?: string | null, fallbackRole: ItemRole = 'assistant'): Conversation {
  const index = items.findIndex((item) => item.id === id);
  const current = items[index];
  // An interrupted item is final: late deltas and transcripts of a cancelled response never make it grow.
  if (current?.status === 'interrupted') return items;
  const next: ConversationItem = current ? { ...current, ...patch } : { id, role: fallbackRole, text: '', status: 'in_progress', ...patch };
  const rest = current ? items.filter((item) => item !== current) : items;
  let position = current ? index : rest.length;
  // The server's order wins over arrival order: an item placed before its predecessor was known moves into place.
  if (previousId === null) position = 0;
  else if (previousId) {
    const previous = rest.findIndex((item) => item.id === previousId);
    if (previous >= 0) position = previous + 1;
  }
  if (current && position === index && (Object.keys(patch) as (keyof Patch)[]).every((key) => next[key] === current[key])) return items;
  return [...rest.slice(0, position), next, ...rest.slice(position)];
}

function textOf(items: Conversation, id: string): string {
  return items.find((item) => item.id === id)?.text ?? '';
}

/** Folds one server event into the conversation. Pure: same input, same output; unrelated events return `items`. */
export function reduceConversation(items: Conversation, event: KnownServerEvent): Conversation {
  switch (event.type) {
    case 'conversation.item.added':
    case 'conversation.item.done': {
      const { item } = event;
      if (item.type === 'function_call_output') {
        const call = items.find((i) => i.callId === item.call_id);
        return call && item.output !== undefined ? upsert(items, call.id, { output: item.output }) : items;
      }
      if (item.type === 'function_call') {
        const patch: Patch = { role: 'tool', name: item.name ?? '', callId: item.call_id ?? '', text: item.arguments ?? '' };
        if (event.type === 'conversation.item.done') patch.status = item.status === 'incomplete' ? 'interrupted' : 'completed';
        return upsert(items, item.id, patch, event.previous_item_id, 'tool');
      }
      if (item.type !== 'message' || !item.role || !ROLES.includes(item.role)) return items;
      const patch: Patch = { role: item.role as ItemRole };
      const text = contentText(item.content);
      if (text) patch.text = text;
      if (event.type === 'conversation.item.done') patch.status = item.status === 'incomplete' ? 'interrupted' : 'completed';
      return upsert(items, item.id, patch, event.previous_item_id, patch.role);
    }
    case 'input_audio_buffer.committed':
      return upsert(items, event.item_id, {}, event.previous_item_id, 'user');
    case 'conversation.item.input_audio_transcription.delta':
      return upsert(items, event.item_id, { text: textOf(items, event.item_id) + event.delta }, undefined, 'user');
    case 'conversation.item.input_audio_transcription.completed':
      return upsert(items, event.item_id, { text: event.transcript, status: 'completed' }, undefined, 'user');
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
      return upsert(items, event.item_id, { text: textOf(items, event.item_id) + event.delta });
    case 'response.output_audio_transcript.done':
      return upsert(items, event.item_id, { text: event.transcript });
    case 'response.output_text.done':
      return upsert(items, event.item_id, { text: event.text });
    case 'response.output_item.added':
      if (event.item.type !== 'message') return items;
      return upsert(items, event.item.id, {});
    case 'response.done': {
      const { status, output } = event.response;
      // A cancelled response (barge-in or response.cancel) keeps what was already streamed, marked interrupted.
      const final: ItemStatus = status === 'cancelled' || status === 'incomplete' ? 'interrupted' : 'completed';
      let next = items;
      for (const out of output ?? []) {
        const current = out.id ? next.find((item) => item.id === out.id) : undefined;
        if (current?.status === 'in_progress') next = upsert(next, current.id, { status: final });
      }
      return next;
    }
    case 'conversation.item.deleted':
      return items.filter((item) => item.id !== event.item_id);
    default:
      return items;
  }
}

/** Items of `next` that are new or changed since `previous` (by identity). */
export function changedItems(previous: Conversation, next: Conversation): ConversationItem[] {
  if (previous === next) return [];
  const before = new Set(previous);
  return next.filter((item) => !before.has(item));
}

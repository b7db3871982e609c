// Our conversation, folded the way the element folds it: each message read by the core's parser, then the reducer.
import { ConversationState } from '../../src/core/conversation/conversation.js';
import { receive } from '../../src/core/protocol/server-events.js';
import type { HistoryItem } from './history-item.js';

/** Our conversation after every server event of a recording (dividers are ours alone: a replay has none). */
export function ourHistory(events: Record<string, unknown>[]): HistoryItem[] {
  const state = new ConversationState();
  for (const event of events) {
    const result = receive(JSON.stringify(event));
    if (result.kind === 'known') state.apply(result.event);
  }
  return state.items.map(({ id, role, text, status }) => ({ id, role, text, status }));
}

// Server events folded through the conversation reducer, and the items the tests build them from.
import { classify, ConversationState, type Conversation, type ConversationItem } from '../../src/core/index.js';

/** Folds raw server events (as they arrive on the channel) through classify and the reducer; returns what each changed. */
export function fold(state: ConversationState, events: object[]): ConversationItem[][] {
  return events.map((event) => {
    const result = classify(JSON.stringify(event));
    return result.kind === 'known' ? state.apply(result.event) : [];
  });
}
export function replay(events: object[]): Conversation {
  const state = new ConversationState();
  fold(state, events);
  return [...state.items];
}
export const view = (items: Conversation) => items.map((i) => `${i.role}:${i.status}:${i.text}`);

export const userTextItem = (id: string, text: string) => ({
  id,
  type: 'message',
  role: 'user',
  status: 'completed',
  content: [{ type: 'input_text', text }],
});
export const assistant = (id: string, status = 'in_progress', transcript?: string) => ({
  id,
  type: 'message',
  role: 'assistant',
  status,
  content: transcript === undefined ? [] : [{ type: 'output_audio', transcript }],
});

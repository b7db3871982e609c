import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reseedEvents } from '../../src/core/session/reconnect.js';
import type { ConversationItem } from '../../src/core/conversation/conversation-item.js';

const said = (id: string, role: 'user' | 'assistant', text: string, status = 'completed') =>
  ({ id, role, text, status }) as ConversationItem;
const types = (items: ConversationItem[]) => reseedEvents(items).map((e) => e.type);

describe('re-seeding a replacement call', () => {
  it('carries what was said and heard, and nothing unheard', () => {
    const items = [said('a', 'user', 'Hello'), said('b', 'assistant', 'Hi there'), said('c', 'assistant', '')];
    assert.deepEqual(types(items), ['conversation.item.create', 'conversation.item.create']);
  });

  it('asks for the answer the visitor never heard: their last words went unanswered when the call was lost', () => {
    const items = [said('a', 'user', 'Hello'), said('b', 'assistant', 'Hi'), said('c', 'user', 'Next stop?')];
    assert.deepEqual(types(items).slice(-2), ['conversation.item.create', 'response.create']);
    const cutBeforeAWord = [...items, said('d', 'assistant', '', 'interrupted')];
    assert.equal(types(cutBeforeAWord).at(-1), 'response.create');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reseedEvents } from '../../src/core/session/reconnect.js';
import type { ConversationItem } from '../../src/core/conversation/conversation-item.js';
import { SessionModel } from '../../src/core/session/session-model.js';
import { userText } from '../../src/core/protocol/client-events.js';

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

  it('sends again what the visitor typed that the lost call never echoed, once, and asks for its answer', () => {
    const model = new SessionModel(() => {});
    model.sent({ ...userText('Is the 8:15 on time?'), event_id: 'evt_rvc_3' });
    model.sent(userText('And the 9:40?'));
    const echo = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Is the 8:15 on time?' }] };
    model.observe({ type: 'conversation.item.added', item: { id: 'item_1', ...echo } } as never, true);
    const seeded = model.reseed();
    assert.deepEqual(seeded.slice(-2), [userText('And the 9:40?'), { type: 'response.create' }]);
    assert.equal(seeded.filter((e) => JSON.stringify(e).includes('8:15')).length, 1, 'the echoed one as said');
    const again = JSON.stringify(model.reseed());
    assert.ok(!again.includes('9:40'), 'carried once: the next call owes it nothing (its echo will show it)');
  });
});

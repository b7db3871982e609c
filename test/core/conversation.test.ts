import { expect } from '@open-wc/testing';
import { classify, reduceConversation, type Conversation, type KnownServerEvent } from '../../src/core/index.js';

/** Folds raw server events (as they arrive on the channel) through classify and the reducer. */
function replay(events: object[], start: Conversation = []): Conversation {
  return events.reduce<Conversation>((items, event) => {
    const result = classify(JSON.stringify(event));
    return result.kind === 'known' ? reduceConversation(items, result.event as KnownServerEvent) : items;
  }, start);
}
const view = (items: Conversation) => items.map((i) => `${i.role}:${i.status}:${i.text}`);

const userTextItem = (id: string, text: string) => ({ id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text }] });
const assistant = (id: string, status = 'in_progress', transcript?: string) => ({
  id,
  type: 'message',
  role: 'assistant',
  status,
  content: transcript === undefined ? [] : [{ type: 'output_audio', transcript }],
});

describe('conversation reducer', () => {
  it('builds a typed turn in the typical order', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'Hi there') },
      { type: 'conversation.item.done', previous_item_id: null, item: userTextItem('u1', 'Hi there') },
      { type: 'response.created', response: { id: 'r1', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', response_id: 'r1', item: assistant('a1') },
      { type: 'conversation.item.added', previous_item_id: 'u1', item: assistant('a1') },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Hello ' },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'you.' },
      { type: 'response.output_audio_transcript.done', item_id: 'a1', transcript: 'Hello you.' },
      { type: 'conversation.item.done', previous_item_id: 'u1', item: assistant('a1', 'completed', 'Hello you.') },
      { type: 'response.done', response: { id: 'r1', status: 'completed', output: [{ id: 'a1', type: 'message' }] } },
    ]);
    expect(view(items)).to.deep.equal(['user:completed:Hi there', 'assistant:completed:Hello you.']);
  });

  it('accepts beta event names as aliases', () => {
    const items = replay([
      { type: 'conversation.item.created', previous_item_id: null, item: assistant('a1') },
      { type: 'response.audio_transcript.delta', item_id: 'a1', delta: 'Old ' },
      { type: 'response.text.delta', item_id: 'a1', delta: 'names' },
    ]);
    expect(view(items)).to.deep.equal(['assistant:in_progress:Old names']);
  });

  it('places a late user transcript above the reply it preceded', () => {
    const items = replay([
      { type: 'input_audio_buffer.committed', item_id: 'u1', previous_item_id: null },
      { type: 'conversation.item.added', previous_item_id: 'u1', item: assistant('a1') },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Sure.' },
      { type: 'conversation.item.done', previous_item_id: 'u1', item: assistant('a1', 'completed', 'Sure.') },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'u1', delta: 'Can you ' },
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', transcript: 'Can you help?' },
    ]);
    expect(view(items)).to.deep.equal(['user:completed:Can you help?', 'assistant:completed:Sure.']);
  });

  it('places items by previous_item_id even when the later item arrives first', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'first') },
      { type: 'conversation.item.added', previous_item_id: 'u1', item: assistant('a2', 'completed', 'third') },
      { type: 'conversation.item.added', previous_item_id: 'u1', item: userTextItem('u2', 'second') },
    ]);
    // u2 says it follows u1, so it goes right after u1 — between u1 and a2, not at the end.
    expect(view(items).map((v) => v.split(':')[2])).to.deep.equal(['first', 'second', 'third']);
  });

  it('keeps what was said of a cancelled reply, marks it interrupted and never lets it grow', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Let me tell you ' },
      { type: 'response.done', response: { id: 'r1', status: 'cancelled', status_details: { reason: 'turn_detected' }, output: [{ id: 'a1' }] } },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'about the weather.' },
      { type: 'conversation.item.done', previous_item_id: null, item: assistant('a1', 'incomplete', 'Let me tell you about the weather.') },
    ]);
    expect(view(items)).to.deep.equal(['assistant:interrupted:Let me tell you ']);
  });

  it('handles two responses and unknown events in between', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'brand.new.event', whatever: true },
      { type: 'response.output_text.delta', item_id: 'a1', delta: 'One' },
      { type: 'conversation.item.added', previous_item_id: 'a1', item: assistant('a2') },
      { type: 'rate_limits.updated', rate_limits: [] },
      { type: 'response.output_text.delta', item_id: 'a2', delta: 'Two' },
      { type: 'response.output_text.done', item_id: 'a1', text: 'One.' },
    ]);
    expect(view(items)).to.deep.equal(['assistant:in_progress:One.', 'assistant:in_progress:Two']);
  });

  it('shows a tool call with its arguments and what the page answered, and removes deleted items', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'hello') },
      { type: 'conversation.item.added', previous_item_id: 'u1', item: { id: 'f1', type: 'function_call', status: 'in_progress', name: 'get_weather', call_id: 'c1', arguments: '' } },
      { type: 'conversation.item.done', previous_item_id: 'u1', item: { id: 'f1', type: 'function_call', status: 'completed', name: 'get_weather', call_id: 'c1', arguments: '{"city":"Oslo"}' } },
      { type: 'conversation.item.added', previous_item_id: 'f1', item: { id: 'o1', type: 'function_call_output', call_id: 'c1', output: '{"temp":3}' } },
      { type: 'conversation.item.deleted', item_id: 'u1' },
    ]);
    expect(items).to.deep.equal([{ id: 'f1', role: 'tool', name: 'get_weather', callId: 'c1', text: '{"city":"Oslo"}', status: 'completed', output: '{"temp":3}' }]);
  });

  it('moves an item created out of order into its server position once announced, without duplicating it', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u0', 'first') },
      { type: 'conversation.item.added', previous_item_id: 'u0', item: assistant('a0', 'completed', 'Reply one.') },
      // The reply to u1 and u1's transcription both arrive before u1 itself is announced.
      { type: 'conversation.item.added', previous_item_id: 'u1', item: assistant('a1') },
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', transcript: 'Said early' },
      { type: 'input_audio_buffer.committed', item_id: 'u1', previous_item_id: 'a0' },
      { type: 'conversation.item.added', previous_item_id: 'a0', item: { id: 'u1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: null }] } },
    ]);
    expect(items.map((i) => i.id)).to.deep.equal(['u0', 'a0', 'u1', 'a1']);
    expect(items.find((i) => i.id === 'u1')!.text).to.equal('Said early');
  });

  it('returns the same array for events that change nothing (so nothing re-renders)', () => {
    const start = replay([{ type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'hello') }]);
    expect(replay([{ type: 'session.updated', session: {} }, { type: 'output_audio_buffer.started' }], start)).to.equal(start);
  });
});

import { expect } from '@open-wc/testing';
import { ConversationState, MAX_ITEM_TEXT, MAX_ITEMS } from '../../src/core/index.js';
import { assistant, fold, replay, userTextItem, view } from './conversation-fold.js';

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
      {
        type: 'response.done',
        response: {
          id: 'r1',
          status: 'cancelled',
          status_details: { reason: 'turn_detected' },
          output: [{ id: 'a1' }],
        },
      },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'about the weather.' },
      {
        type: 'conversation.item.done',
        previous_item_id: null,
        item: assistant('a1', 'incomplete', 'Let me tell you about the weather.'),
      },
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

  it('moves an item created out of order into its server position once announced, without duplicating it', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u0', 'first') },
      { type: 'conversation.item.added', previous_item_id: 'u0', item: assistant('a0', 'completed', 'Reply one.') },
      // The reply to u1 and u1's transcription both arrive before u1 itself is announced.
      { type: 'conversation.item.added', previous_item_id: 'u1', item: assistant('a1') },
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'u1', transcript: 'Said early' },
      { type: 'input_audio_buffer.committed', item_id: 'u1', previous_item_id: 'a0' },
      {
        type: 'conversation.item.added',
        previous_item_id: 'a0',
        item: {
          id: 'u1',
          type: 'message',
          role: 'user',
          status: 'completed',
          content: [{ type: 'input_audio', transcript: null }],
        },
      },
    ]);
    expect(items.map((i) => i.id)).to.deep.equal(['u0', 'a0', 'u1', 'a1']);
    expect(items.find((i) => i.id === 'u1')!.text).to.equal('Said early');
  });

  it('reports what each event changed, and nothing for events that change nothing', () => {
    const state = new ConversationState();
    const [added, done] = fold(state, [
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'hello') },
      { type: 'conversation.item.done', previous_item_id: null, item: userTextItem('u1', 'hello') },
    ]);
    expect([added.map((i) => i.status), done.map((i) => i.status)]).to.deep.equal([['in_progress'], ['completed']]);
    const version = state.version;
    expect(
      fold(state, [
        { type: 'session.updated', session: {} },
        { type: 'output_audio_buffer.started' },
        { type: 'conversation.item.done', previous_item_id: null, item: userTextItem('u1', 'hello') },
      ]),
    ).to.deep.equal([[], [], []]);
    expect(state.version).to.equal(version);
  });

  it('keeps at most MAX_ITEMS + 10 % items (the oldest leave together, down to MAX_ITEMS) and MAX_ITEM_TEXT characters per item', () => {
    const state = new ConversationState();
    const add = (i: number) =>
      fold(state, [
        { type: 'conversation.item.added', previous_item_id: i ? `u${i - 1}` : null, item: userTextItem(`u${i}`, 'x') },
      ]);
    const limit = MAX_ITEMS * 1.1;
    for (let i = 0; i < limit; i++) add(i);
    expect(state.items.length).to.equal(limit);
    add(limit);
    expect(state.items.length).to.equal(MAX_ITEMS);
    expect(state.items[0].id).to.equal(`u${limit + 1 - MAX_ITEMS}`);
    expect(state.get('u0')).to.equal(undefined);
    expect(state.get(`u${limit}`)!.text).to.equal('x');
    fold(state, [
      { type: 'conversation.item.added', previous_item_id: `u${limit}`, item: assistant('big') },
      { type: 'response.output_text.delta', item_id: 'big', delta: 'y'.repeat(MAX_ITEM_TEXT + 10) },
    ]);
    const big = state.get('big')!;
    expect(big.text.length).to.equal(MAX_ITEM_TEXT);
    expect(big.text.endsWith('…')).to.equal(true);
  });

  it('adds a divider where a replacement call took over', () => {
    const state = new ConversationState();
    fold(state, [{ type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'hello') }]);
    const [divider] = state.addDivider('divider_1');
    expect([divider.role, state.items.at(-1)!.id]).to.deep.equal(['divider', 'divider_1']);
  });
});

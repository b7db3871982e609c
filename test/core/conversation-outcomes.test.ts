import { expect } from '@open-wc/testing';
import { ConversationState } from '../../src/core/index.js';
import { assistant, fold, replay, userTextItem, view } from './conversation-fold.js';

describe('conversation reducer: tools, failures and cut replies', () => {
  it('shows a tool call with its arguments and what the page answered, and removes deleted items', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: userTextItem('u1', 'hello') },
      {
        type: 'conversation.item.added',
        previous_item_id: 'u1',
        item: {
          id: 'f1',
          type: 'function_call',
          status: 'in_progress',
          name: 'get_weather',
          call_id: 'c1',
          arguments: '',
        },
      },
      {
        type: 'conversation.item.done',
        previous_item_id: 'u1',
        item: {
          id: 'f1',
          type: 'function_call',
          status: 'completed',
          name: 'get_weather',
          call_id: 'c1',
          arguments: '{"city":"Oslo"}',
        },
      },
      {
        type: 'conversation.item.added',
        previous_item_id: 'f1',
        item: { id: 'o1', type: 'function_call_output', call_id: 'c1', output: '{"temp":3}' },
      },
      { type: 'conversation.item.deleted', item_id: 'u1' },
    ]);
    expect(items).to.deep.equal([
      {
        id: 'f1',
        role: 'tool',
        kind: 'function_call',
        name: 'get_weather',
        callId: 'c1',
        text: '{"city":"Oslo"}',
        status: 'completed',
        output: '{"temp":3}',
      },
    ]);
  });

  it('marks a failed reply with the service’s code, and shows a failure that produced no item', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      {
        type: 'response.done',
        response: {
          id: 'r1',
          status: 'failed',
          status_details: { type: 'failed', error: { type: 'server_error', code: 'server_error', message: 'x' } },
          output: [{ id: 'a1' }],
        },
      },
      {
        type: 'response.done',
        response: {
          id: 'r2',
          status: 'failed',
          status_details: {
            type: 'failed',
            error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota' },
          },
          output: [],
        },
      },
    ]);
    expect(items.map((i) => [i.id, i.role, i.status, i.reason])).to.deep.equal([
      ['a1', 'assistant', 'failed', 'server_error'],
      ['r2', 'assistant', 'failed', 'insufficient_quota'],
    ]);
  });

  it('marks a reply the service stopped as incomplete, with its reason', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'response.output_text.delta', item_id: 'a1', delta: 'A long ' },
      { type: 'conversation.item.done', previous_item_id: null, item: assistant('a1', 'incomplete', 'A long ') },
      {
        type: 'response.done',
        response: {
          id: 'r1',
          status: 'incomplete',
          status_details: { type: 'incomplete', reason: 'max_output_tokens' },
          output: [{ id: 'a1' }],
        },
      },
    ]);
    expect(items.map((i) => [i.status, i.reason, i.text])).to.deep.equal([
      ['incomplete', 'max_output_tokens', 'A long '],
    ]);
  });

  it('marks speech that could not be transcribed, and never shows an idle-timeout commit', () => {
    const items = replay([
      { type: 'input_audio_buffer.committed', item_id: 'u1', previous_item_id: null },
      {
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: 'u1',
        content_index: 0,
        error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'no' },
      },
      { type: 'input_audio_buffer.timeout_triggered', item_id: 'u2', audio_start_ms: 0, audio_end_ms: 5000 },
      { type: 'input_audio_buffer.committed', item_id: 'u2', previous_item_id: 'u1' },
      {
        type: 'conversation.item.added',
        previous_item_id: 'u1',
        item: {
          id: 'u2',
          type: 'message',
          role: 'user',
          status: 'completed',
          content: [{ type: 'input_audio', transcript: null }],
        },
      },
    ]);
    expect(items.map((i) => [i.id, i.status, i.reason])).to.deep.equal([['u1', 'failed', 'audio_unintelligible']]);
  });

  it('after a truncation, shows what was heard (the service’s copy has lost its transcript) and keeps the whole text', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'One two three four five six' },
      {
        type: 'response.done',
        response: {
          id: 'r1',
          status: 'cancelled',
          status_details: { reason: 'turn_detected' },
          output: [{ id: 'a1' }],
        },
      },
      { type: 'conversation.item.truncated', item_id: 'a1', content_index: 0, audio_end_ms: 800 },
      { type: 'conversation.item.retrieved', item: assistant('a1', 'incomplete', '') },
    ]);
    expect(view(items)).to.deep.equal(['assistant:interrupted:One two']);
    expect(items[0].fullText).to.equal('One two three four five six');
  });

  it('an out-of-band response (conversation_id null) never enters the transcript', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'response.created', response: { id: 'r_oob', status: 'in_progress', conversation_id: null, output: [] } },
      { type: 'response.output_item.added', response_id: 'r_oob', output_index: 0, item: assistant('x1') },
      { type: 'response.output_text.delta', response_id: 'r_oob', item_id: 'x1', delta: 'positive' },
      { type: 'response.output_text.delta', item_id: 'a1', delta: 'Hello' },
      {
        type: 'response.done',
        response: { id: 'r_oob', status: 'completed', conversation_id: null, output: [{ id: 'x1' }] },
      },
    ]);
    expect(view(items)).to.deep.equal(['assistant:in_progress:Hello']);
  });

  it('a reply whose voice had finished when it was truncated keeps all its words', () => {
    const items = replay([
      { type: 'conversation.item.added', previous_item_id: null, item: assistant('a1') },
      { type: 'response.output_audio_transcript.delta', item_id: 'a1', delta: 'Short.' },
      { type: 'conversation.item.truncated', item_id: 'a1', content_index: 0, audio_end_ms: 5000 },
    ]);
    expect(view(items)).to.deep.equal(['assistant:interrupted:Short.']);
  });

  it('shows MCP tool lists, approval requests (with the answer) and calls as tool items', () => {
    const state = new ConversationState();
    fold(state, [
      {
        type: 'conversation.item.added',
        previous_item_id: null,
        item: { id: 'l1', type: 'mcp_list_tools', server_label: 'docs', tools: [] },
      },
      {
        type: 'conversation.item.done',
        previous_item_id: null,
        item: { id: 'l1', type: 'mcp_list_tools', server_label: 'docs', tools: [{ name: 'search' }] },
      },
      {
        type: 'response.output_item.added',
        response_id: 'r1',
        output_index: 0,
        item: { id: 'q1', type: 'mcp_approval_request', server_label: 'docs', name: 'search', arguments: '{"q":"x"}' },
      },
      {
        type: 'conversation.item.added',
        previous_item_id: 'l1',
        item: { id: 'q1', type: 'mcp_approval_request', server_label: 'docs', name: 'search', arguments: '{"q":"x"}' },
      },
      {
        type: 'conversation.item.added',
        previous_item_id: 'q1',
        item: { id: 'p1', type: 'mcp_approval_response', approval_request_id: 'q1', approve: true },
      },
      {
        type: 'conversation.item.added',
        previous_item_id: 'p1',
        item: { id: 'm1', type: 'mcp_call', server_label: 'docs', name: 'search', arguments: '', output: null },
      },
      {
        type: 'conversation.item.done',
        previous_item_id: 'p1',
        item: {
          id: 'm1',
          type: 'mcp_call',
          server_label: 'docs',
          name: 'search',
          arguments: '{"q":"x"}',
          output: 'found',
        },
      },
    ]);
    expect(state.items.map((i) => [i.kind, i.name, i.status, i.approval ?? i.output ?? ''])).to.deep.equal([
      ['mcp_list_tools', 'docs', 'completed', ''],
      ['mcp_approval_request', 'search', 'completed', 'approved'],
      ['mcp_call', 'search', 'completed', 'found'],
    ]);
  });
});

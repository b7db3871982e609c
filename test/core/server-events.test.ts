import { expect } from '@open-wc/testing';
import { classify } from '../../src/core/index.js';

describe('classify', () => {
  it('validates known events and names them by their GA type', () => {
    const result = classify(
      JSON.stringify({ type: 'response.audio_transcript.delta', event_id: 'e1', item_id: 'i', delta: 'x', extra: 1 }),
    );
    expect(result.kind).to.equal('known');
    if (result.kind !== 'known') return;
    expect(result.event.type).to.equal('response.output_audio_transcript.delta');
    // The raw event is passed on untouched, unknown fields included.
    expect(result.raw).to.deep.equal({
      type: 'response.audio_transcript.delta',
      event_id: 'e1',
      item_id: 'i',
      delta: 'x',
      extra: 1,
    });
  });

  it('passes unknown types through as unknown', () => {
    expect(classify('{"type":"conversation.item.shiny","x":1}')).to.deep.include({ kind: 'unknown' });
  });

  it('flags what is not an event', () => {
    expect(classify('not json')).to.deep.equal({ kind: 'invalid', reason: 'not JSON' });
    expect(classify('[1,2]')).to.deep.equal({ kind: 'invalid', reason: 'no event type' });
    expect(classify(new ArrayBuffer(4))).to.deep.equal({ kind: 'invalid', reason: 'binary message' });
    // A malformed event keeps its type: what the type alone means (a response ended) is not lost.
    expect(classify('{"type":"response.output_text.delta","item_id":5}')).to.deep.equal({
      kind: 'invalid',
      reason: 'malformed response.output_text.delta',
      raw: { type: 'response.output_text.delta', item_id: 5 },
    });
  });

  it('follows the published types: nullable and optional where they say so, unknown fields kept', () => {
    const done = classify(
      JSON.stringify({
        type: 'response.done',
        event_id: 'e',
        response: {
          id: 'r',
          status: 'failed',
          status_details: {
            type: 'failed',
            error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota' },
          },
          output: [],
          usage: null,
          conversation_id: 'c',
          metadata: null,
          future: { x: 1 },
        },
      }),
    );
    expect(done.kind).to.equal('known');
    expect(
      classify(
        JSON.stringify({
          type: 'conversation.item.added',
          event_id: 'e',
          item: { id: 'm', type: 'mcp_call', name: 'search', server_label: 's', arguments: '', output: null },
        }),
      ).kind,
    ).to.equal('known');
    expect(
      classify(
        JSON.stringify({ type: 'conversation.item.input_audio_transcription.delta', event_id: 'e', item_id: 'u' }),
      ).kind,
    ).to.equal('known');
  });
});

import { expect } from '@open-wc/testing';
import { classify, nextActivity, type Activity } from '../../src/core/index.js';

const fold = (events: object[], start: Activity = 'listening') => {
  const seen: Activity[] = [];
  events.reduce<Activity>((activity, event) => {
    const result = classify(JSON.stringify(event));
    const next = result.kind === 'known' ? nextActivity(activity, result.event) : activity;
    if (next !== activity) seen.push(next);
    return next;
  }, start);
  return seen;
};
const response = (status: string, modalities = ['audio']) => ({
  response: { id: 'r1', status, output_modalities: modalities },
});

describe('activity', () => {
  it('follows a spoken turn: the visitor speaks, the model thinks, speaks, then listens', () => {
    expect(
      fold([
        { type: 'input_audio_buffer.speech_started' },
        { type: 'input_audio_buffer.speech_stopped' },
        { type: 'input_audio_buffer.committed', item_id: 'u1', previous_item_id: null },
        { type: 'response.created', ...response('in_progress') },
        { type: 'output_audio_buffer.started' },
        { type: 'response.done', ...response('completed') },
        { type: 'output_audio_buffer.stopped' },
      ]),
    ).to.deep.equal(['user-speaking', 'thinking', 'assistant-speaking', 'listening']);
  });

  it('barge-in hands the turn back to the visitor at once', () => {
    expect(
      fold(
        [
          { type: 'input_audio_buffer.speech_started' },
          { type: 'response.done', ...response('cancelled') },
          { type: 'output_audio_buffer.cleared' },
          { type: 'some.future_event' },
        ],
        'assistant-speaking',
      ),
    ).to.deep.equal(['user-speaking']);
  });

  it('a text-only reply ends with its response', () => {
    expect(
      fold([
        { type: 'response.created', ...response('in_progress', ['text']) },
        { type: 'response.output_text.delta', item_id: 'a1', delta: 'Hi' },
        { type: 'response.done', ...response('completed', ['text']) },
      ]),
    ).to.deep.equal(['thinking', 'assistant-speaking', 'listening']);
  });
});

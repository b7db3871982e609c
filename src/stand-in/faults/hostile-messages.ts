import { seededRandom } from './seeded-random.js';
/** Markup a page must show as text, never run or render. */
export const HOSTILE_MARKUP = `<img src=x onerror="window.__rvcXss=1"><script>window.__rvcXss=2</script><a href="javascript:window.__rvcXss=3">link</a>`;

/** Messages no client should choke on: each is followed by the next, and then normal service resumes. */
export function hostileMessages(): (string | Buffer)[] {
  return [
    '{"type": "response.output_text.delta", "delta": ',
    'null',
    '[1, 2, 3]',
    JSON.stringify({ type: 42 }),
    JSON.stringify({ type: 'stand_in.unknown_event', note: 'a type this client has never heard of' }),
    JSON.stringify({ type: 'response.output_text.delta', item_id: 7, delta: { html: '<img src=x onerror=alert(1)>' } }),
    JSON.stringify({ type: 'conversation.item.added', item: 'not an item' }),
    Buffer.from([0, 1, 2, 3, 255]),
    // Just under Chromium's 256 KiB message limit: large, valid, and unknown.
    JSON.stringify({ type: 'stand_in.oversized', padding: 'x'.repeat(250_000) }),
  ];
}

const FUZZ_TYPES = [
  'session.updated',
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.deleted',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'response.created',
  'response.done',
  'response.output_item.added',
  'response.output_item.done',
  'response.output_audio_transcript.delta',
  'response.output_text.delta',
  'response.output_text.done',
  'output_audio_buffer.started',
  'output_audio_buffer.cleared',
  'error',
  'response.text.delta',
  'stand_in.unknown',
];
const FUZZ_FIELDS = [
  'item',
  'item_id',
  'previous_item_id',
  'delta',
  'transcript',
  'text',
  'response',
  'session',
  'error',
  'response_id',
  'id',
  'type',
  'role',
  'status',
  'content',
];

/** `count` random messages: mostly known event types with random fields (some right, most wrong), some junk. */
export function fuzzMessages(tag: string, count = 400): (string | Buffer)[] {
  let seed = 0;
  for (const char of tag) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const ids = ['item_a', 'item_b', 'item_c', 'resp_a', '', '__proto__', 'constructor'];
  const value = (depth: number): unknown => {
    const kind = Math.floor(next() * (depth > 2 ? 6 : 9));
    switch (kind) {
      case 0:
        return pick(ids);
      case 1:
        return Math.floor(next() * 1e6) - 5e5;
      case 2:
        return null;
      case 3:
        return next() < 0.5;
      case 4:
        return pick([
          '<b>x</b>',
          'ek_FUZZKEY0123456789abc',
          '\u0000',
          '🙂'.repeat(3),
          'x'.repeat(Math.floor(next() * 5000)),
        ]);
      case 5:
        return pick([
          'user',
          'assistant',
          'system',
          'completed',
          'in_progress',
          'incomplete',
          'cancelled',
          'message',
          'function_call',
        ]);
      case 6:
        return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      default:
        return object(depth + 1);
    }
  };
  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 6); i > 0; i--) result[pick(FUZZ_FIELDS)] = value(depth);
    return result;
  };
  return Array.from({ length: count }, () => {
    const roll = next();
    if (roll < 0.05) return Buffer.from(Array.from({ length: 16 }, () => Math.floor(next() * 256)));
    // Cut JSON, never empty: werift sends an empty message as a DATA chunk with no data, which breaks the association.
    if (roll < 0.1) return JSON.stringify(object(0)).slice(0, 1 + Math.floor(next() * 40));
    return JSON.stringify({ ...object(0), type: pick(FUZZ_TYPES) });
  });
}

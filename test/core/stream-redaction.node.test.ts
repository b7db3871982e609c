import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendRedacted } from '../../src/core/conversation/append-redacted.js';
import { ConversationState } from '../../src/core/conversation/conversation.js';
import { receive } from '../../src/core/protocol/server-events.js';
import { redact } from '../../src/core/redact.js';
import { carries, ENCODINGS } from '../../src/stand-in/faults/key-embeddings.js';
import { seededRandom } from '../../src/stand-in/faults/seeded-random.js';

const SECRET = 'Q7pL2xN9vR4mT8kW3jH6fD1sA5gB0cZ';
// A project key is long (~160 characters): most of it streams in after its start was already redacted.
const LONG = `${SECRET}${'Tz4Kq8Wm2Xv6Yp0Rn3Lb7Hc1Jd5Fg9'.repeat(4)}`;
const KEYS = [`sk-${SECRET}`, `ek_${SECRET}`, `sk-proj-${LONG}`];

/** `text` cut into deltas of 1 to 3 characters. */
function deltas(text: string, seed: number): string[] {
  const next = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(next() * 3);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Streams `text` as deltas of an assistant item through the real path (each message redacted alone, then folded). */
function stream(text: string, seed: number, type = 'response.output_text.delta'): string[] {
  const state = new ConversationState();
  const seen: string[] = [];
  for (const delta of deltas(text, seed)) {
    const result = receive(JSON.stringify({ type, event_id: 'event_1', item_id: 'item_1', delta }));
    assert.equal(result.kind, 'known');
    if (result.kind === 'known') state.apply(result.event);
    seen.push(state.get('item_1')?.text ?? '');
  }
  return seen;
}

describe('redaction where deltas join: a key streamed in pieces never shows assembled', () => {
  it('keys in 1-3 character deltas, plain and escaped, in either kind of streamed text', () => {
    let runs = 0;
    for (const [k, key] of KEYS.entries()) {
      const secret = key.replace(/^(?:sk-proj-|sk-|ek_)/, '');
      for (const [name, encode] of Object.entries(ENCODINGS)) {
        for (let seed = 1; seed <= 20; seed++) {
          const text = `Your key is ${encode(key)} — keep it safe.`;
          const type = seed % 2 ? 'response.output_text.delta' : 'conversation.item.input_audio_transcription.delta';
          const seen = stream(text, seed * 31 + k, type);
          for (const shown of seen) assert.ok(!carries(shown, secret), `${name}: ${JSON.stringify(shown)}`);
          // The words around the key arrive whole: only the key is replaced.
          assert.equal(seen.at(-1), `Your key is ${key.startsWith('ek') ? 'ek_' : 'sk-'}[redacted] — keep it safe.`);
          runs++;
        }
      }
    }
    assert.equal(runs, KEYS.length * Object.keys(ENCODINGS).length * 20);
  });

  it('a key split by zero-width characters between deltas', () => {
    const text = `token: ${[...`sk-${SECRET}`].join('\u200b')} end`;
    for (let seed = 1; seed <= 20; seed++) assert.equal(stream(text, seed).at(-1), 'token: sk-[redacted] end');
  });

  it('ordinary text streams through unchanged', () => {
    const text =
      'Use the ek_ prefix; disk-space-management-service-tool, sk-learning, 50%25 off, C:\\path & more. '.repeat(40);
    for (let seed = 1; seed <= 5; seed++) assert.equal(stream(text, seed).at(-1), text);
  });

  it('appendRedacted matches redacting the whole text, for any cut', () => {
    const text = `a sk-${SECRET} b ek%5F${SECRET} c sk-proj-${LONG}. ${'x'.repeat(1500)} ek_${SECRET}`;
    const whole = redact(text);
    for (let seed = 1; seed <= 30; seed++) {
      assert.equal(deltas(text, seed).reduce(appendRedacted, ''), whole);
    }
  });
});

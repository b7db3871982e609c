import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendRedacted } from '../../src/core/conversation/append-redacted.js';
import { receive } from '../../src/core/protocol/server-events.js';
import { redact, redactDeep } from '../../src/core/redact.js';
import { parseBlocks, parseInline } from '../../src/element/chunks/rich-text/markdown.js';

// Hostile text through every text path, timed: linear code takes about twice as long on twice the text, quadratic
// code four times as long (and the old code took seconds to tens of seconds on these). Each size runs often enough
// to last a while (a run of a millisecond is mostly noise), the two sizes take turns (so a busy moment of the machine
// slows both) and the best of four is compared, with bounds generous enough for a loaded two-core machine.
const CEILING_MS = 2000;
const MAX_RATIO = 3;
const BATCH_MS = 15;
const ROUNDS = 4;
const MAX_TIMES = 256;

const batch = (run: () => unknown, times: number): number => {
  const start = performance.now();
  for (let t = 0; t < times; t++) run();
  return performance.now() - start;
};

/** Times `run` on both inputs, as often as it takes for the shorter to last `BATCH_MS`; the best of `ROUNDS`. */
function measure<T>(small: T, large: T, run: (input: T) => unknown): { once: number; twice: number; times: number } {
  let times = 1;
  while (batch(() => run(small), times) < BATCH_MS && times < MAX_TIMES) times *= 2;
  for (;;) {
    let [once, twice] = [Infinity, Infinity];
    for (let round = 0; round < ROUNDS; round++) {
      once = Math.min(
        once,
        batch(() => run(small), times),
      );
      twice = Math.min(
        twice,
        batch(() => run(large), times),
      );
    }
    // A first batch slowed by a collection can stop the doubling early: measure again with more runs if so.
    if (once >= BATCH_MS || times >= MAX_TIMES) return { once, twice, times };
    times *= 2;
  }
}

/** `make(n)` holds n characters (or items); `run` must take linear time on it. */
function linear<T>(name: string, make: (n: number) => T, run: (input: T) => unknown, n: number): void {
  it(`${name}: ${n.toLocaleString('en')} and twice as many`, () => {
    const [small, large] = [make(n), make(2 * n)];
    run(small); // warm the code up
    let { once, twice, times } = measure(small, large, run);
    // Another process can still slow one size alone: quadratic code fails every later measurement too.
    for (let retry = 0; retry < 2 && twice / once >= MAX_RATIO; retry++)
      ({ once, twice, times } = measure(small, large, run));
    const figures = `${once.toFixed(1)} ms, then ${twice.toFixed(1)} ms (${times} runs)`;
    assert.ok(twice / times < CEILING_MS, figures);
    assert.ok(twice / once < MAX_RATIO, figures);
  });
}

const fill = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const KEY_LIKE = 'sk-Q7pL2xN9vR4mT8kW3jH6fD1sA5gB0cZ';

const REDACT_INPUTS: Record<string, (n: number) => string> = {
  backslashes: fill('\\'),
  'JSON escape openings': fill('\\\\u00'),
  'escaped prefixes': fill('\\u0073\\u006b\\u002d'),
  'percent signs': fill('%'),
  'percent-encoded percent signs': fill('%25'),
  'entity openings': fill('&#'),
  'entity names': fill('&lowbar'),
  'key prefixes': fill('sk-'),
  'short key-like words': fill('sk-aaaaaaaaaaaaaaaaaa '),
  'key prefixes before runs of backslashes': fill(`sk-sk-sk-sk-sk-sk-${'\\'.repeat(1000)}u0021`),
  'key prefixes before runs of zero-width spaces': fill(`ek_${'\u200b'.repeat(1000)}A`),
  'escaped key characters one short of a key': fill(`sk-${'%41'.repeat(19)}!`),
  keys: fill(`${KEY_LIKE} `),
};

describe('linear text paths: redaction', () => {
  for (const [name, make] of Object.entries(REDACT_INPUTS)) linear(`redact, ${name}`, make, redact, 200_000);
  linear(
    'redactDeep, an item of backslashes',
    fill('\\'),
    (text) => redactDeep({ item: { content: [{ text }] } }),
    200_000,
  );
  const wide = (n: number) =>
    JSON.parse(JSON.stringify(Array.from({ length: n }, (_, i) => ({ [`k${i}`]: `v${i}`, a: [i] }))));
  linear('redactDeep, many objects', wide, redactDeep, 5_000);
  linear(
    'a server message of backslashes, received',
    fill('\\'),
    (text) =>
      receive(
        JSON.stringify({
          type: 'conversation.item.added',
          item: { id: 'item_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
        }),
      ),
    200_000,
  );
  linear(
    'a reply streamed in 3-character deltas',
    (n) => fill(`${KEY_LIKE}\\u00%25&#x `)(n),
    (text) => {
      let shown = '';
      for (let i = 0; i < text.length; i += 3) shown = appendRedacted(shown, text.slice(i, i + 3));
      return shown;
    },
    10_000,
  );
});

const MARKDOWN_INPUTS: Record<string, (n: number) => string> = {
  '.http://% (an address that never parses, once per h)': fill('.http://%'),
  'http:// repeated': fill('http://'),
  'addresses glued together': fill('https://a.example/'),
  'spaced addresses that never parse': fill(' http://%'),
  'nested emphasis *_*_': fill('*_'),
  'nested emphasis _*_*': fill('_*'),
  'emphasis runs **_': fill('**_'),
  'words in emphasis *a _b ': fill('*a _b '),
  'link openings [a](': fill('[a]('),
  'bracket closings ](': fill(']('),
  'backticks `a': fill('`a'),
  'a link address never closed': (n) => `[a](https://a.example/${'x'.repeat(n)}`,
  'user@ addresses': fill('https://apple.com@evil.example '),
};

describe('linear text paths: Markdown', () => {
  for (const [name, make] of Object.entries(MARKDOWN_INPUTS))
    linear(`parseInline, ${name}`, make, (text) => parseInline(text), 32_000);
  // A growing text stops at its last address or delimiter run: the same scans, held back.
  for (const name of [
    '.http://% (an address that never parses, once per h)',
    'nested emphasis *_*_',
    'link openings [a](',
  ]) {
    linear(`parseInline streaming, ${name}`, MARKDOWN_INPUTS[name], (text) => parseInline(text, 0, true), 32_000);
  }
  linear(
    'parseBlocks and parseInline, list items',
    fill('- *a* http://%\n'),
    (text) => parseBlocks(text).map((b) => parseInline(b.source)),
    32_000,
  );
});

describe('pathological text is kept intact', () => {
  it('200,000 backslashes and 32,000 characters of .http://% pass through unchanged', () => {
    const backslashes = '\\'.repeat(200_000);
    assert.equal(redact(backslashes), backslashes);
    const hostile = fill('.http://%')(32_000);
    const nodes = parseInline(hostile).nodes;
    assert.deepEqual(nodes, [{ kind: 'text', text: hostile, at: 0 }]);
  });
});

// Ways a key turns up in text a careless server sends: glued to words, JSON-escaped, URL-encoded (the leaky fault and
// the redaction tests both use them).
import { seededRandom } from './seeded-random.js';

/** How many ways the leaky fault repeats the key. */
export const LEAKS = 40;

const hex = (c: string, upper: boolean) =>
  c.charCodeAt(0).toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']();

/** The encodings: the key as it is, with its separators or every character escaped for JSON, or encoded for a URL. */
export const ENCODINGS: Record<string, (key: string) => string> = {
  plain: (key) => key,
  'json-separators': (key) => key.replace(/[_-]/g, (c) => `\\u00${hex(c, false)}`),
  'json-all': (key) => [...key].map((c) => `\\u00${hex(c, true)}`).join(''),
  'url-separators': (key) => key.replace(/[_-]/g, (c) => `%${hex(c, true)}`),
  'url-all': (key) => [...key].map((c) => `%${hex(c, false)}`).join(''),
};

const BEFORE = ['', ' ', 'key_', 'Bearer ', 'Bearer%20', 'x', '9', '_', '"', "'", 'token=', '\n', '🙂', '[', 'sk-'];
const AFTER = ['', ' ', '.', '"', ' and more', '&x=1', '\\n', '🙂', ')', '_', '-'];

/** `count` texts each holding `key` once, in an encoding, between random neighbours. */
export function embeddings(key: string, count: number, seed = 1): string[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const encodings = Object.values(ENCODINGS);
  return Array.from(
    { length: count },
    () =>
      `${pick(['', 'error: ', 'Incorrect API key provided: '])}${pick(BEFORE)}${pick(encodings)(key)}${pick(AFTER)}`,
  );
}

/** Whether `text` still carries `secret` (the part of a key after its prefix), in any of the encodings above. */
export function carries(text: string, secret: string): boolean {
  const decoded = text
    .replace(/\\u00([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return text.includes(secret) || decoded.includes(secret);
}

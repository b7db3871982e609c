import { CharReader } from './conversation/char-reader.js';

// A key: `sk-` (`sk-proj-` included) or `ek_`, glued to whatever precedes it, then at least 20 key characters. Each
// character may be escaped (see CharReader) or split from the next by invisible ones (zero-width, soft hyphen).
const MIN_BODY = 20;
const MAX_INVISIBLE = 4;
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;
const MARKER = '[redacted]';
const [S, E, K, HYPHEN, UNDERSCORE] = [0x73, 0x65, 0x6b, 0x2d, 0x5f];

const lower = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isKeyChar = (c: number) =>
  isDigit(c) || isUpper(c) || (c >= 0x61 && c <= 0x7a) || c === HYPHEN || c === UNDERSCORE;
// Where a key may start: an `s` or `e` before a `k`, an escape or an invisible character; or an escape.
const CANDIDATE = /[se](?=[k\\%&\p{Default_Ignorable_Code_Point}])|[\\%&]/giu;

const reader = new CharReader();

/** The next character of a key from `i`, past a few invisible ones; `reader.end` is after it. */
function keyChar(text: string, i: number): number {
  for (let skipped = 0; ; skipped++) {
    const c = reader.read(text, i);
    if (c < 0x80 || skipped === MAX_INVISIBLE || !INVISIBLE.test(String.fromCodePoint(c))) return c;
    i = reader.end;
  }
}

/**
 * The key starting at `p`: where it ends and what shows instead (nothing when its characters are not random), or
 * undefined. A key already redacted (`sk-[redacted]`) takes the key characters after it: the rest of a key that
 * streamed in after its start.
 */
function keyAt(text: string, p: number): { end: number; shown?: string } | undefined {
  const first = lower(reader.read(text, p));
  if ((first !== S && first !== E) || lower(keyChar(text, reader.end)) !== K) return undefined;
  if (keyChar(text, reader.end) !== (first === S ? HYPHEN : UNDERSCORE)) return undefined;
  const shown = first === S ? `sk-${MARKER}` : `ek_${MARKER}`;
  let end = reader.end;
  const marked = text.startsWith(MARKER, end);
  if (marked) end += MARKER.length;
  let count = 0;
  // Real keys are random, so a digit or a capital letter is among them (an all-lowercase key of 20 characters: 1 in
  // 30 million); prose like `disk-space-management` has neither.
  let random = false;
  for (let c = keyChar(text, end); isKeyChar(c); c = keyChar(text, end), count++) {
    random ||= isDigit(c) || isUpper(c);
    end = reader.end;
  }
  if (marked) return count ? { end, shown } : undefined;
  return count < MIN_BODY ? undefined : { end, shown: random ? shown : undefined };
}

/**
 * Replaces anything shaped like an OpenAI key with its prefix and a marker, so logs and messages never carry one.
 * Linear in the text: an attempt that finds no key reads at most 23 key characters (a few invisible ones apart), each
 * escape is bounded but a run of backslashes, which is read from its first backslash only, and a key found moves the
 * scan past its end; so each character is read a bounded number of times.
 */
export function redact(text: string): string {
  let out = '';
  let copied = 0;
  CANDIDATE.lastIndex = 0;
  // Every candidate is one character long, so it starts just before `lastIndex`.
  while (CANDIDATE.test(text)) {
    const p = CANDIDATE.lastIndex - 1;
    const key = keyAt(text, p);
    if (!key) continue;
    if (key.shown) {
      out += text.slice(copied, p) + key.shown;
      copied = key.end;
    }
    CANDIDATE.lastIndex = key.end;
  }
  return copied ? out + text.slice(copied) : text;
}

type Holder = Record<string, unknown> | unknown[];

/**
 * Every string of a parsed value redacted, keys of objects included (a server event handed to the page). Walked with
 * a stack of its own: a message nested 100,000 deep would overflow a recursive walk.
 */
export function redactDeep<T>(value: T): T {
  const top: unknown[] = [];
  const stack: [into: Holder, key: string | number, value: unknown][] = [[top, 0, value]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [into, key, item] = next;
    let copy: unknown = item;
    if (typeof item === 'string') copy = redact(item);
    else if (Array.isArray(item)) {
      copy = new Array(item.length);
      for (let i = item.length - 1; i >= 0; i--) stack.push([copy as unknown[], i, item[i]]);
    } else if (item && typeof item === 'object') {
      copy = {};
      // Pushed last first, so they are set in order (a later key redacted alike wins, as it did in a literal).
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([copy as Holder, redact(entries[i][0]), entries[i][1]]);
    }
    // A `__proto__` key stays a key, as JSON.parse made it: assigned, it would set the copy's prototype.
    if (key === '__proto__')
      Object.defineProperty(into, key, { value: copy, writable: true, enumerable: true, configurable: true });
    else (into as Record<string | number, unknown>)[key] = copy;
  }
  return top[0] as T;
}

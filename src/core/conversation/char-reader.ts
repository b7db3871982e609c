/**
 * Reads one character of text as whoever decodes it later would: JSON or JavaScript (`\u005f` behind any number of
 * backslashes, `\u{5f}`, `\x5f`), a URL (`%5F`, encoded up to three times, UTF-8 too) or HTML (`&#95;`, `&#x5f;`,
 * `&lowbar;`, also as `&amp;#95;`). Every escape but a run of backslashes has a bounded length.
 */

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const AMP = 0x26;
const SEMICOLON = 0x3b;
// Digits allowed in `\u{…}` and `&#…;`: leading zeros are legal, so some, but never an unbounded run.
const MAX_DIGITS = 12;
// The HTML names of the characters a key is made of or split by (letters and digits have none).
const ENTITIES = new Map([
  ['lowbar', 0x5f],
  ['UnderBar', 0x5f],
  ['shy', 0xad],
  ['zwnj', 0x200c],
  ['zwj', 0x200d],
  ['ZeroWidthSpace', 0x200b],
  ['NoBreak', 0x2060],
]);
const MAX_NAME = 14;

const digit = (c: number, base: 10 | 16): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return base === 16 && lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
};
const hexPair = (text: string, at: number) =>
  digit(text.charCodeAt(at), 16) >= 0 && digit(text.charCodeAt(at + 1), 16) >= 0;
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** One reader per scan: {@link read} returns a code point and leaves {@link end} after what it read. */
export class CharReader {
  /** Index just after the character last read. */
  end = 0;

  /** The code point at `i`, decoded from the escape starting there, else the character itself; -1 past the end. */
  read(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) return this.#backslash(text, i);
    if (c === PERCENT) return this.#percent(text, i);
    if (c === AMP) return this.#entity(text, i);
    if (Number.isNaN(c)) {
      this.end = i;
      return -1;
    }
    const code = text.codePointAt(i)!;
    this.end = i + (code > 0xffff ? 2 : 1);
    return code;
  }

  #literal(text: string, i: number): number {
    this.end = i + 1;
    return text.charCodeAt(i);
  }

  // `min` to `max` digits from `at` (fewer than `min`: -1); `end` moves past the digits read.
  #number(text: string, at: number, base: 10 | 16, min: number, max: number): number {
    let value = 0;
    let n = 0;
    for (let d: number; n < max && (d = digit(text.charCodeAt(at + n), base)) >= 0; n++) value = value * base + d;
    this.end = at + n;
    return n < min ? -1 : value;
  }

  #backslash(text: string, i: number): number {
    // Inside a run of backslashes nothing starts: the run is read from its first one only, not once per backslash.
    if (text.charCodeAt(i - 1) === BACKSLASH) return this.#literal(text, i);
    let j = i + 1;
    while (text.charCodeAt(j) === BACKSLASH) j++;
    const kind = text.charCodeAt(j);
    let code = -1;
    if (kind === 0x75 && text.charCodeAt(j + 1) === 0x7b) {
      code = this.#number(text, j + 2, 16, 1, MAX_DIGITS);
      if (text.charCodeAt(this.end) === 0x7d) this.end++;
      else code = -1;
    } else if (kind === 0x75) code = this.#number(text, j + 1, 16, 4, 4);
    else if (kind === 0x78) code = this.#number(text, j + 1, 16, 2, 2);
    return code >= 0 && code <= 0x10ffff ? code : this.#literal(text, i);
  }

  // One URL-encoded byte at `at` (`%5F`, `%255F`, `%25255F`); -1 when there is none.
  #byte(text: string, at: number): number {
    if (text.charCodeAt(at) !== PERCENT) return -1;
    let j = at + 1;
    for (let depth = 0; depth < 2 && text.startsWith('25', j) && hexPair(text, j + 2); depth++) j += 2;
    return this.#number(text, j, 16, 2, 2);
  }

  #percent(text: string, i: number): number {
    const lead = this.#byte(text, i);
    if (lead < 0x80) return lead < 0 ? this.#literal(text, i) : lead;
    // UTF-8: an invisible character (U+200B, U+00AD…) arrives as two or three encoded bytes.
    const more = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 ? 1 : 0;
    if (!more || lead > 0xf4) return this.#literal(text, i);
    let code = lead & (0x3f >> more);
    for (let k = 0; k < more; k++) {
      const next = this.#byte(text, this.end);
      if (next < 0x80 || next > 0xbf) return this.#literal(text, i);
      code = code * 64 + (next & 0x3f);
    }
    return code <= 0x10ffff ? code : this.#literal(text, i);
  }

  #entity(text: string, i: number): number {
    let j = i + 1;
    for (let depth = 0; depth < 2 && text.startsWith('amp;', j); depth++) j += 4;
    if (text.charCodeAt(j) === 0x23) {
      const hex = (text.charCodeAt(j + 1) | 0x20) === 0x78;
      const code = this.#number(text, j + (hex ? 2 : 1), hex ? 16 : 10, 1, MAX_DIGITS);
      if (code < 0 || code > 0x10ffff || digit(text.charCodeAt(this.end), hex ? 16 : 10) >= 0)
        return this.#literal(text, i);
      // A numeric reference without its `;` is still read by browsers.
      if (text.charCodeAt(this.end) === SEMICOLON) this.end++;
      return code;
    }
    let k = j;
    while (k - j < MAX_NAME && isLetter(text.charCodeAt(k))) k++;
    const code = text.charCodeAt(k) === SEMICOLON ? ENTITIES.get(text.slice(j, k)) : undefined;
    if (code === undefined) return this.#literal(text, i);
    this.end = k + 1;
    return code;
  }
}

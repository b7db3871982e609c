// Keys travel in logs, JSON and URLs alike: each of their characters may be JSON-escaped (`\u005f`) or URL-encoded (`%5F`).
const esc = (hex: string) => String.raw`(?:\\+u00${hex}|%${hex})`;
const char = (c: string) => `(?:${c === '-' ? '-' : c}|${esc(c.charCodeAt(0).toString(16))})`;
const BODY = `(?:[a-z0-9_-]|${esc(String.raw`(?:2d|5f|3\d|[46][1-9a-f]|[57][0-9a])`)})`;
const DIGIT = String.raw`(?:\d|${esc(String.raw`3\d`)})`;
// `sk-`, `sk-proj-` (standard keys) and `ek_` (ephemeral keys), glued to whatever precedes them, then at least 20 key
// characters with a digit among them: real keys are random, while prose like `disk-space-management` has no digit.
const KEY = new RegExp(`(${char('s')}${char('k')}${char('-')}|${char('e')}${char('k')}${char('_')})(?=${BODY}{0,200}?${DIGIT})${BODY}{20,}`, 'gi');

/** `s` or `e`: the first character of a possibly escaped prefix. */
const first = (prefix: string): string => {
  const escaped = /^(?:\\+u00|%)([0-9a-f]{2})/i.exec(prefix);
  return (escaped ? String.fromCharCode(parseInt(escaped[1]!, 16)) : prefix[0]!).toLowerCase();
};

/** Replaces anything shaped like an OpenAI key with its prefix and a marker, so logs and messages never carry one. */
export const redact = (text: string): string => text.replace(KEY, (_, prefix: string) => (first(prefix) === 'e' ? 'ek_[redacted]' : 'sk-[redacted]'));

/** Every string of a parsed value redacted, keys of objects included (a server event handed to the page). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v)])) as T;
  return value;
}

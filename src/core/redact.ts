// Keys travel in logs, JSON and URLs alike: each of their characters may be JSON-escaped (`\u005f`) or URL-encoded (`%5F`).
const esc = (hex: string) => String.raw`(?:\\+u00${hex}|%${hex})`;
const char = (c: string) => `(?:${c === '-' ? '-' : c}|${esc(c.charCodeAt(0).toString(16))})`;
const BODY = `(?:[a-z0-9_-]|${esc(String.raw`(?:2d|5f|3\d|[46][1-9a-f]|[57][0-9a])`)})`;
// `sk-`, `sk-proj-` (standard keys) and `ek_` (ephemeral keys), glued to whatever precedes them, then at least 20 key
// characters.
const KEY = new RegExp(`(${char('s')}${char('k')}${char('-')}|${char('e')}${char('k')}${char('_')})${BODY}{20,}`, 'gi');
const unescape = (text: string) => text.replace(/(?:\\+u00|%)([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
// Real keys are random, so a digit or a capital letter is among them (an all-lowercase key of 20 characters: 1 in 30 million); prose
// like `disk-space-management` has neither.
const random = (body: string) => /[0-9A-Z]/.test(unescape(body));

/** `s` or `e`: the first character of a possibly escaped prefix. */
const first = (prefix: string): string => {
  const escaped = /^(?:\\+u00|%)([0-9a-f]{2})/i.exec(prefix);
  return (escaped ? String.fromCharCode(parseInt(escaped[1]!, 16)) : prefix[0]!).toLowerCase();
};

/** Replaces anything shaped like an OpenAI key with its prefix and a marker, so logs and messages never carry one. */
export const redact = (text: string): string =>
  text.replace(KEY, (match, prefix: string) => (!random(match.slice(prefix.length)) ? match : first(prefix) === 'e' ? 'ek_[redacted]' : 'sk-[redacted]'));

/** Every string of a parsed value redacted, keys of objects included (a server event handed to the page). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v)])) as T;
  return value;
}

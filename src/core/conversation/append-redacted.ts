import { redact } from '../redact.js';

// A key is at most ~170 characters (~1,000 with every character escaped): one that ends in a new delta starts within
// this many characters of the text's end, so only that tail is read again, and a delta costs its own length, not the
// text's.
const REDACTED_TAIL = 1024;

/**
 * `text` (already redacted) with `delta` appended, redacted as if it had come whole: a key streamed over several
 * deltas is never assembled, and the rest of a key whose start was already redacted is dropped.
 */
export function appendRedacted(text: string, delta: string): string {
  const cut = Math.max(0, text.length - REDACTED_TAIL);
  const tail = text.slice(cut) + delta;
  const shown = redact(tail);
  return shown === tail ? text + delta : text.slice(0, cut) + shown;
}

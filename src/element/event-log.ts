import { redact } from '../core/index.js';

export interface LogEntry {
  readonly id: number;
  readonly direction: 'in' | 'out' | 'error';
  readonly type: string;
  /** A redacted, shortened rendering of the message. */
  readonly text: string;
}

export const LOG_LIMIT = 200;
const TEXT_LIMIT = 400;
let counter = 0;

/** Appends an entry, keeping the newest {@link LOG_LIMIT}; keys are redacted before anything is stored. */
export function appendLog(log: readonly LogEntry[], direction: LogEntry['direction'], type: string, payload: unknown): LogEntry[] {
  // Redact before cutting, so a key split by the cut cannot slip through half-hidden.
  const raw = redact(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const text = raw.length > TEXT_LIMIT ? `${raw.slice(0, TEXT_LIMIT)}…` : raw;
  const next = log.length >= LOG_LIMIT ? log.slice(log.length - LOG_LIMIT + 1) : log.slice();
  next.push({ id: ++counter, direction, type: redact(type).slice(0, 80), text });
  return next;
}

export interface LogEntry {
  readonly id: number;
  readonly direction: 'in' | 'out' | 'error';
  readonly type: string;
  /** The message as it was; the pane redacts and shortens it when shown (a closed pane costs nothing per event). */
  readonly payload: unknown;
}

export const LOG_LIMIT = 200;
let counter = 0;

/** Appends an entry, keeping the newest {@link LOG_LIMIT}. */
export function appendLog(log: readonly LogEntry[], direction: LogEntry['direction'], type: string, payload: unknown): LogEntry[] {
  const next = log.length >= LOG_LIMIT ? log.slice(log.length - LOG_LIMIT + 1) : log.slice();
  next.push({ id: ++counter, direction, type, payload });
  return next;
}

export interface LogEntry {
  readonly id: number;
  readonly direction: 'in' | 'out' | 'error';
  readonly type: string;
  /** The message as it was; the pane redacts and shortens it when shown (a closed pane costs nothing per event). */
  readonly payload: unknown;
}

export const LOG_LIMIT = 200;
let counter = 0;

/** Appends an entry in place, keeping the newest {@link LOG_LIMIT} (every server event lands here: no copy per event). */
export function appendLog(
  log: LogEntry[],
  direction: LogEntry['direction'],
  type: string,
  payload: unknown,
): LogEntry[] {
  log.push({ id: ++counter, direction, type, payload });
  while (log.length > LOG_LIMIT) log.shift();
  return log;
}

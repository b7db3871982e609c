import { redact } from '../../core/redact.js';

type Json = Record<string, unknown>;

/** The first line of a recording: where it comes from. */
export interface RecordingHeader {
  /** Where the events come from: a live session (date, model) or the published examples it was assembled from. */
  source: string;
  notes?: string;
}

/** One line of a recording: a server event sent `at` ms after the previous line, or a client event to wait for. */
export type RecordedLine = { at: number; server: Json } | { at: number; client: Json };

export interface Recording {
  header: RecordingHeader;
  lines: RecordedLine[];
}

/**
 * Reads a JSONL recording: `{"recording": {source, notes}}` first, then one line per event. A malformed line is an
 * error naming its number (a recording is a test fixture: it must be exact).
 */
export function parseRecording(text: string): Recording {
  const rows = text.split('\n').filter((line) => line.trim());
  const parse = (line: string, n: number): Json => {
    try {
      return JSON.parse(line) as Json;
    } catch {
      throw new Error(`recording line ${n + 1} is not JSON`);
    }
  };
  const first = parse(rows[0] ?? '', 0).recording as RecordingHeader | undefined;
  if (!first?.source) throw new Error('a recording starts with {"recording": {"source": …}}');
  const lines = rows.slice(1).map((row, i) => {
    const line = parse(row, i + 1) as Partial<RecordedLine> & Json;
    const event = (line.server ?? line.client) as Json | undefined;
    if (typeof line.at !== 'number' || !event || typeof event.type !== 'string')
      throw new Error(`recording line ${i + 2} needs "at" and a "server" or "client" event with a type`);
    return line as RecordedLine;
  });
  return { header: first, lines };
}

/** Writes a recording as JSONL, every string redacted (a recorded key must never reach a file). */
export function formatRecording(recording: Recording): string {
  return (
    [{ recording: recording.header }, ...recording.lines].map((line) => redact(JSON.stringify(line))).join('\n') + '\n'
  );
}

/** Collects a live session's events, timed, for {@link formatRecording}. */
export class Recorder {
  readonly lines: RecordedLine[] = [];
  #last = performance.now();

  server(event: Json): void {
    this.lines.push({ at: this.#tick(), server: event });
  }

  client(event: Json): void {
    this.lines.push({ at: this.#tick(), client: event });
  }

  #tick(): number {
    const now = performance.now();
    const at = Math.round(now - this.#last);
    this.#last = now;
    return at;
  }
}

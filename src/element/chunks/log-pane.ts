import type { html as Html } from 'lit';
import { redact } from '../../core/redact.js';
import type { LogEntry } from '../event-log.js';

const TEXT_LIMIT = 400;
const shown = new WeakMap<LogEntry, { type: string; text: string }>();

/** An entry as the pane shows it: keys redacted before the text is cut, so a key split by the cut cannot slip through. */
export function formatEntry(entry: LogEntry): { type: string; text: string } {
  let view = shown.get(entry);
  if (!view) {
    const raw = redact(typeof entry.payload === 'string' ? entry.payload : JSON.stringify(entry.payload));
    view = {
      type: redact(entry.type).slice(0, 80),
      text: raw.length > TEXT_LIMIT ? `${raw.slice(0, TEXT_LIMIT)}…` : raw,
    };
    shown.set(entry, view);
  }
  return view;
}

const ARROWS = { out: '→', in: '←', error: '!' };

/** The open log pane's items (loaded the first time a visitor opens the pane; Lit's `html` comes from the element). */
export const renderLog = (html: typeof Html, log: readonly LogEntry[]) =>
  log.map((entry) => {
    const { type, text } = formatEntry(entry);
    return html`<li data-direction=${entry.direction}><b>${ARROWS[entry.direction]} ${type}</b> ${text}</li>`;
  });

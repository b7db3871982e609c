import { html, nothing } from 'lit';
import type { Levels } from '../../core/index.js';
import type { UiStrings } from '../i18n/strings.js';
import { paintVisualizer, setLevel } from './visualizer.js';

/**
 * The form with the text box and Send (enabled while a call runs). `send` throws when the message cannot go (it is
 * reported as rvc-error and shown); the typed text then stays, so nothing is lost.
 */
export const composer = (t: UiStrings, running: boolean, send: (text: string) => void) =>
  html`<form part="composer" @submit=${(event: SubmitEvent) => submit(event, send)}>
    <label class="visually-hidden" for="input">${t.inputLabel}</label>
    <input id="input" part="input" name="text" dir="auto" autocomplete="off" placeholder=${t.inputPlaceholder} ?disabled=${!running} />
    <button part="send-button" type="submit" ?disabled=${!running}>${t.send}</button>
  </form>`;

function submit(event: SubmitEvent, send: (text: string) => void): void {
  event.preventDefault();
  const input = (event.currentTarget as HTMLFormElement).elements.namedItem('text') as HTMLInputElement;
  if (!input.value.trim()) return;
  try {
    send(input.value);
    input.value = '';
  } catch {
    // Already reported; the text stays in the box.
  }
}

/** The error on show, its detail (the server's words) beside it. */
export const errorLine = (message: string, detail: string) =>
  html`<p part="error" role="alert">${message} ${detail ? html`<span part="error-detail">(${detail})</span>` : nothing}</p>`;

/** The event log: a disclosure whose list renders only while open (a closed pane costs nothing per event). */
export const logPane = (t: UiStrings, count: number, onToggle: (event: Event) => void, entries: unknown) =>
  html`<details part="log" @toggle=${onToggle}>
    <summary>${t.logLabel} (${count})</summary>
    <ol part="log-list" tabindex="0" aria-label=${t.logLabel}>
      ${entries}
    </ol>
  </details>`;

// Levels arrive 10 times a second (20 while a turn is timed); each paint is a frame of style and compositing, so
// the meters and bars are painted at most this often, the bars easing in between on the compositor.
const PAINT_MS = 90;

/** Paints the levels of `root()` when they arrive, at most every PAINT_MS. */
export function levelPainter(root: () => ParentNode): (levels: Levels) => void {
  let paintedAt = -Infinity;
  return (levels) => {
    const now = performance.now();
    if (now - paintedAt < PAINT_MS) return;
    paintedAt = now;
    paintLevels(root(), levels);
  };
}

/** Paints the meters and the visualizer straight into the DOM: levels change 10 to 20 times a second, too often for a render. */
export function paintLevels(root: ParentNode, levels: Levels): void {
  paintVisualizer(root, levels);
  for (const [part, level] of [
    ['input-meter', levels.input],
    ['output-meter', levels.output],
  ] as const) {
    const meter = root.querySelector<HTMLElement>(`[part~=${part}]`);
    if (meter) setLevel(meter, level);
  }
}

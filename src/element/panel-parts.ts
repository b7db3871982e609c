import { html, type TemplateResult } from 'lit';
import type { Levels } from '../core/index.js';
import type { UiStrings } from './strings.js';

/** The form with the text box and Send (enabled while a call runs). */
export const composer = (t: UiStrings, running: boolean, onSubmit: (event: SubmitEvent) => void) =>
  html`<form part="composer" @submit=${onSubmit}>
    <label class="visually-hidden" for="input">${t.inputLabel}</label>
    <input id="input" part="input" name="text" autocomplete="off" placeholder=${t.inputPlaceholder} ?disabled=${!running} />
    <button part="send-button" type="submit" ?disabled=${!running}>${t.send}</button>
  </form>`;

/** The event log: a disclosure whose list renders only while open (a closed pane costs nothing per event). */
export const logPane = (t: UiStrings, count: number, onToggle: (event: Event) => void, entries: TemplateResult[] | unknown) =>
  html`<details part="log" @toggle=${onToggle}>
    <summary>${t.logLabel} (${count})</summary>
    <ol part="log-list" tabindex="0" aria-label=${t.logLabel}>
      ${entries}
    </ol>
  </details>`;

/** Paints both meters straight into the DOM: levels change 20 times a second, too often for a render. */
export function paintLevels(root: ParentNode, levels: Levels): void {
  for (const [part, level] of [['input-meter', levels.input], ['output-meter', levels.output]] as const) {
    // Speech sits around 0.05–0.3 linear: the square root spreads it over the meter.
    root.querySelector<HTMLElement>(`[part~=${part}]`)?.style.setProperty('--level', Math.min(1, Math.sqrt(level) * 1.5).toFixed(2));
  }
}

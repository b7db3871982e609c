import { html, nothing } from 'lit';
import { icons } from './icons.js';
import type { UiStrings } from '../i18n/strings.js';
import type { Activity, SessionState } from '../../core/index.js';
import { visualizer, type VisualState } from './visualizer.js';

/** The status line: the state, or while live who has the turn (with push-to-talk, "hold to talk" while listening). */
export const statusText = (t: UiStrings, state: SessionState, activity: Activity, pushToTalk: boolean): string =>
  state !== 'live'
    ? t.states[state]
    : pushToTalk && activity === 'listening'
      ? t.pushToTalk
      : (t.activities[activity as Exclude<Activity, 'idle'>] ?? t.states.live);

export interface HeaderState {
  status: string;
  shown: VisualState;
  running: boolean;
  muted: boolean;
  toggleMute: () => void;
  start: () => void;
  stop: () => void;
}

/**
 * The header: the visualizer, the status line (a polite live region: it changes only when the state does), the host's
 * slot, Mute as an icon button, and one primary button that is Start or End. It stays the same element across the
 * two (its part says which), so focus stays on it after a press.
 */
export const panelHeader = (t: UiStrings, h: HeaderState) =>
  html`<div part="header">
    ${visualizer(h.shown)}
    <p part="status" role="status">${h.status}</p>
    <slot name="header-actions"></slot>
    ${
      h.running
        ? html`<button part="mute-button" class="icon" type="button" aria-pressed=${h.muted} aria-label=${t.mute} title=${t.mute} @click=${h.toggleMute}>${h.muted ? icons.micOff : icons.mic}</button>`
        : nothing
    }
    <button part=${h.running ? 'stop-button' : 'start-button'} class="primary" type="button" @click=${h.running ? h.stop : h.start}>${h.running ? icons.end : icons.call}<span>${h.running ? t.stop : t.start}</span></button>
  </div>`;

export interface ToolsState {
  copyAll: () => void;
  download: (kind: 'text' | 'json') => void;
  clear: () => void;
  /** What the last action announced ("Copied"), for a polite live region. */
  notice: string;
}

/** The transcript's tools: copy all, download as text or JSON, clear. */
export const transcriptTools = (t: UiStrings, s: ToolsState) =>
  html`<div part="transcript-tools">
    <button part="copy-all-button" class="icon" type="button" aria-label=${t.copyAll} title=${t.copyAll} @click=${s.copyAll}>${icons.copy}</button>
    <button part="download-button" class="icon" type="button" aria-label=${t.downloadText} title=${t.downloadText} @click=${() => s.download('text')}>${icons.download}</button>
    <button part="download-json-button" class="icon" type="button" aria-label=${t.downloadJson} title=${t.downloadJson} @click=${() => s.download('json')}>${icons.json}</button>
    <button part="clear-button" class="icon" type="button" aria-label=${t.clear} title=${t.clear} @click=${s.clear}>${icons.clear}</button>
    <span class="visually-hidden" role="status">${s.notice}</span>
  </div>`;

import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationItem } from '../../core/index.js';
import { composer, errorLine, logPane } from './panel-parts.js';
import { panelHeader, transcriptTools, type HeaderState, type ToolsState } from './panel-header.js';
import type { UiStrings } from '../i18n/strings.js';
import type { TextViewFactory } from './text-view.js';
import { renderItem, type ApprovalButtons } from './transcript.js';
import { visualizer } from './visualizer.js';

/** Everything the panel shows, worked out by the element; parts from lazy chunks come as ready templates (or nothing). */
export interface PanelView {
  t: UiStrings;
  /** The direction the language gives the panel and launcher (undefined: the page's holds). */
  dir: 'ltr' | 'rtl' | undefined;
  header: HeaderState;
  /** With `layout="floating"`: the corner button, and whether the panel is open. */
  launcher?: { open: boolean; toggle: () => void };
  /** While live: the microphone picker, push-to-talk and the audio controls. */
  controls?: { picker: unknown; talk: unknown; audio: unknown };
  tapToHear: unknown;
  error?: { message: string; detail: string };
  /** The messages on the page (the latest of the conversation) and whether the conversation has any. */
  items: readonly ConversationItem[];
  hasItems: boolean;
  cleared: boolean;
  rich: TextViewFactory | undefined;
  copyOne: (event: Event) => void;
  approvals: ReadonlyMap<string, (approve: boolean) => void>;
  approvalButtons: ApprovalButtons | undefined;
  tools: ToolsState;
  send: (text: string) => void;
  /** The event log, when the page asked for it (`event-log`). */
  log: { count: number; toggle: (event: Event) => void; entries: unknown } | undefined;
  onPanelKey: (event: KeyboardEvent) => void;
}

/** The panel: launcher (floating), header, live controls, error, transcript and its tools, composer, log, audio. */
export function panelView(v: PanelView) {
  const { t, header } = v;
  const { running, status, shown } = header;
  return html`
    ${
      v.launcher
        ? html`<button part="launcher" type="button" dir=${ifDefined(v.dir)} aria-expanded=${v.launcher.open} aria-controls="panel" @click=${v.launcher.toggle}>
          <slot name="launcher-icon"></slot>${running ? visualizer(shown) : nothing}${v.launcher.open ? t.close : running ? `${t.open} · ${status}` : t.open}
        </button>`
        : nothing
    }
    <section part="panel" id="panel" dir=${ifDefined(v.dir)} aria-label=${t.open} ?hidden=${v.launcher ? !v.launcher.open : false} @keydown=${v.onPanelKey}>
      ${panelHeader(t, header)}
      ${
        v.controls
          ? html`<div part="controls">
            <span part="meter input-meter"></span><span part="meter output-meter"></span>
            ${v.controls.picker ?? nothing} ${v.controls.talk ?? nothing} ${v.controls.audio ?? nothing}
          </div>`
          : nothing
      }
      ${v.tapToHear ?? nothing}
      ${v.error ? errorLine(v.error.message, v.error.detail) : nothing}
      <div part="transcript" role="log" aria-live="polite" aria-label=${t.transcriptLabel} tabindex="0">
        ${v.cleared ? html`<p part="cleared">${t.cleared}</p>` : nothing}
        ${!v.hasItems && !v.cleared ? html`<slot name="empty"><p part="empty">${t.empty}</p></slot>` : nothing}
        ${repeat(
          v.items,
          (item) => item.id,
          (item) => {
            const answer = v.approvals.get(item.id);
            const approval = answer ? { buttons: v.approvalButtons, answer } : undefined;
            // Items are immutable: one that did not change (most of them, in every streaming frame) is not rendered again.
            return guard([item, t, v.rich, approval?.buttons, answer], () =>
              renderItem(item, t, v.rich, v.copyOne, approval),
            );
          },
        )}
      </div>
      ${v.hasItems ? transcriptTools(t, v.tools) : nothing}
      ${composer(t, running, v.send)}
      ${v.log ? logPane(t, v.log.count, v.log.toggle, v.log.entries) : nothing}
      <audio part="audio" autoplay></audio>
    </section>
  `;
}

/** Escape closes a floating panel and gives focus back to its button, as a disclosure should. */
export const escapeCloses =
  (host: { open: boolean; updateComplete: Promise<unknown>; renderRoot: ParentNode }, floating: () => boolean) =>
  (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !floating() || !host.open) return;
    host.open = false;
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('[part=launcher]')?.focus());
  };

import type { html as Html } from 'lit';

/** What push-to-talk needs from the element. */
export interface Talker extends EventTarget {
  readonly talking: boolean;
  pushToTalk(pressed: boolean): void;
}

/** The hold-to-talk button (loaded only by pages with `turn-detection="none"`; Lit's `html` comes from the element). */
export const talkButton = (html: typeof Html, host: Talker, label: string) =>
  html`<button
    part="talk-button"
    type="button"
    aria-pressed=${host.talking}
    @pointerdown=${(event: PointerEvent) => {
      (event.target as HTMLElement).setPointerCapture(event.pointerId);
      host.pushToTalk(true);
    }}
    @pointerup=${() => host.pushToTalk(false)}
    @pointercancel=${() => host.pushToTalk(false)}
  >
    ${label}
  </button>`;

/**
 * Space talks while held, unless the visitor is typing somewhere; leaving the window releases it. Returns the function
 * that removes the listeners.
 */
export function listenForSpace(host: Talker): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.code !== 'Space') return;
    const target = event.composedPath()[0] as HTMLElement;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    if (!event.repeat) host.pushToTalk(event.type === 'keydown');
  };
  const release = () => host.talking && host.pushToTalk(false);
  document.addEventListener('keydown', onKey);
  document.addEventListener('keyup', onKey);
  window.addEventListener('blur', release);
  return () => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('keyup', onKey);
    window.removeEventListener('blur', release);
  };
}

import { html } from 'lit';
import type { Activity, Levels, SessionState } from '../../core/index.js';

/** What the visualizer shows: the activity while live, `connecting` while a call is set up, else `idle`. */
export type VisualState = Activity | 'connecting';

export const visualState = (state: SessionState, activity: Activity): VisualState =>
  state === 'live' ? activity : state === 'connecting' || state === 'reconnecting' ? 'connecting' : 'idle';

/**
 * Five bars that show at a glance who has the turn, moving with the voice that is heard (decorative: the status line
 * says the same in words). One custom property, `--level`, drives them; CSS turns it into transforms.
 */
export const visualizer = (shown: VisualState) =>
  html`<span part="visualizer" data-activity=${shown} aria-hidden="true"><i></i><i></i><i></i><i></i><i></i></span>`;

/** Sets `--level` (0..1, loudness spread by a square root: speech sits around 0.05–0.3 linear) where it changed. */
export function setLevel(el: HTMLElement, level: number): void {
  const value = Math.min(1, Math.sqrt(level) * 1.5).toFixed(2);
  // An unchanged value is not written again: each write is a frame of style work, and silence is most of a call.
  if (el.style.getPropertyValue('--level') !== value) el.style.setProperty('--level', value);
}

/** The level the bars follow: the visitor's voice while they have the turn, the model's while it speaks. */
export function paintVisualizer(root: ParentNode, levels: Levels): void {
  for (const bars of root.querySelectorAll<HTMLElement>('[part~=visualizer]')) {
    const activity = bars.dataset.activity;
    setLevel(
      bars,
      activity === 'assistant-speaking'
        ? levels.output
        : activity === 'user-speaking' || activity === 'listening'
          ? levels.input
          : 0,
    );
  }
}

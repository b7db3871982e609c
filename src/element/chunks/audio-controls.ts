import type { html as Html } from 'lit';

export interface AudioControlsState {
  /** Output devices, when the browser lets the page choose (and there is more than one). */
  outputs: readonly MediaDeviceInfo[] | undefined;
  sinkId: string;
  volume: number;
  labels: { speaker: string; volume: string };
  chooseOutput(sinkId: string): void;
  setVolume(volume: number): void;
}

/** The speaker picker and volume slider (a chunk of its own: loaded once a call is live; `html` from the element). */
export const audioControls = (html: typeof Html, s: AudioControlsState) =>
  html`${
    s.outputs && s.outputs.length > 1
      ? html`<select part="output-select" aria-label=${s.labels.speaker} @change=${(event: Event) => s.chooseOutput((event.target as HTMLSelectElement).value)}>
          ${s.outputs.map((d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === s.sinkId}>${d.label || `${s.labels.speaker} ${i + 1}`}</option>`)}
        </select>`
      : ''
  }
    <input part="volume" type="range" min="0" max="1" step="0.05" aria-label=${s.labels.volume} .value=${String(s.volume)} @input=${(event: Event) => s.setVolume(Number((event.target as HTMLInputElement).value))} />`;

/** "Tap to hear": the browser held the voice back until the visitor interacts. */
export const tapToHear = (html: typeof Html, label: string, resume: () => void) =>
  html`<button part="tap-to-hear" type="button" @click=${resume}>${label}</button>`;

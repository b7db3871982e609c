import type { html as Html } from 'lit';

/** The picker (loaded only when the visitor has more than one microphone; Lit's `html` comes from the element). */
export const microphonePicker = (
  html: typeof Html,
  devices: readonly MediaDeviceInfo[],
  current: string | undefined,
  label: string,
  choose: (deviceId: string) => void,
) =>
  html`<select part="device-select" aria-label=${label} @change=${(event: Event) => choose((event.target as HTMLSelectElement).value)}>
    ${devices.map((d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>${d.label || `${label} ${i + 1}`}</option>`)}
  </select>`;

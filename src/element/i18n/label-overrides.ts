import type { UiStringOverrides } from './strings.js';

/** The label attributes a pasted snippet sets without script. */
export interface Labels {
  startLabel?: string | undefined;
  endLabel?: string | undefined;
  sendLabel?: string | undefined;
  placeholder?: string | undefined;
  panelTitle?: string | undefined;
}

/**
 * The `strings` property with the label attributes over it. The same object while nothing changed: the locale
 * caches the strings on it, and unchanged strings render nothing again.
 */
export function labelOverrides(): (
  strings: UiStringOverrides | undefined,
  labels: Labels,
) => UiStringOverrides | undefined {
  let last: { key: unknown[]; value: UiStringOverrides | undefined } | undefined;
  return (strings, { startLabel, endLabel, sendLabel, placeholder, panelTitle }) => {
    const key = [strings, startLabel, endLabel, sendLabel, placeholder, panelTitle];
    if (last && key.every((part, i) => part === last!.key[i])) return last.value;
    const labels: UiStringOverrides = {};
    if (startLabel) labels.start = startLabel;
    if (endLabel) labels.stop = endLabel;
    if (sendLabel) labels.send = sendLabel;
    if (placeholder) labels.inputPlaceholder = placeholder;
    if (panelTitle) labels.open = panelTitle;
    const value = Object.keys(labels).length ? { ...strings, ...labels } : strings;
    last = { key, value };
    return value;
  };
}

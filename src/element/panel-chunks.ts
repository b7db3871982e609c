/** UI parts only some visitors use: each is a chunk of its own, loaded the first time it is shown. */
// A type, not an interface: it must fit LazyParts' `Record<string, unknown>`.
export type PanelChunks = {
  log: typeof import('./log-pane.js');
  picker: typeof import('./microphone-picker.js');
  audio: typeof import('./audio-controls.js');
  talk: typeof import('./push-to-talk.js');
  approvals: typeof import('./approval-buttons.js');
  rich: typeof import('./rich-text/rich-text.js');
};

export const panelChunks: { [K in keyof PanelChunks]: () => Promise<PanelChunks[K]> } = {
  log: () => import('./log-pane.js'),
  picker: () => import('./microphone-picker.js'),
  audio: () => import('./audio-controls.js'),
  talk: () => import('./push-to-talk.js'),
  approvals: () => import('./approval-buttons.js'),
  rich: () => import('./rich-text/rich-text.js'),
};

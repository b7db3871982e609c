/** UI parts only some visitors use: each is a chunk of its own, loaded the first time it is shown. */
// A type, not an interface: it must fit LazyParts' `Record<string, unknown>`.
export type PanelChunks = {
  log: typeof import('./chunks/log-pane.js');
  picker: typeof import('./chunks/microphone-picker.js');
  audio: typeof import('./chunks/audio-controls.js');
  talk: typeof import('./chunks/push-to-talk.js');
  approvals: typeof import('./chunks/approval-buttons.js');
  rich: typeof import('./chunks/rich-text/rich-text.js');
};

export const panelChunks: { [K in keyof PanelChunks]: () => Promise<PanelChunks[K]> } = {
  log: () => import('./chunks/log-pane.js'),
  picker: () => import('./chunks/microphone-picker.js'),
  audio: () => import('./chunks/audio-controls.js'),
  talk: () => import('./chunks/push-to-talk.js'),
  approvals: () => import('./chunks/approval-buttons.js'),
  rich: () => import('./chunks/rich-text/rich-text.js'),
};

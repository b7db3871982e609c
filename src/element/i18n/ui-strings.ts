import type { Activity, ErrorCode, SessionState } from '../../core/index.js';

/** Every piece of UI text. Override any of them with the element's `strings` property. */
export interface UiStrings {
  start: string;
  stop: string;
  send: string;
  inputLabel: string;
  inputPlaceholder: string;
  transcriptLabel: string;
  logLabel: string;
  you: string;
  assistant: string;
  system: string;
  interrupted: string;
  empty: string;
  tool: string;
  voiceMessage: string;
  mute: string;
  talk: string;
  microphone: string;
  /** The output-device picker and the volume slider. */
  speaker: string;
  volume: string;
  /** Shown when the browser will not play the voice until the visitor taps (autoplay rules). */
  tapToHear: string;
  /** The divider where a lost call was replaced by a new one. */
  resumed: string;
  /** Above a conversation kept from an earlier page (`persist`). */
  earlier: string;
  /** A voice message whose transcription failed (the model still heard it). */
  notTranscribed: string;
  /** Marks on a reply: it failed, or the service cut it short (by reason). */
  replyFailed: string;
  cutShort: string;
  reasons: Record<string, string>;
  /** An MCP tool call waiting for the visitor's approval, and its answer. */
  approve: string;
  deny: string;
  approved: string;
  denied: string;
  /** An MCP server's tools were listed. */
  toolsListed: string;
  /** The floating layout's button, closed and open. */
  open: string;
  close: string;
  /** Transcript tools: copy one message, copy all, download as text or JSON, clear; and what they announce. */
  copy: string;
  copyAll: string;
  downloadText: string;
  downloadJson: string;
  clear: string;
  copied: string;
  /** Shown after Clear: the panel is empty, the model's memory of the call is not. */
  cleared: string;
  /** Status while live, per activity (`listening` with push-to-talk is `pushToTalk`). */
  activities: Record<Exclude<Activity, 'idle'>, string>;
  pushToTalk: string;
  states: Record<SessionState, string>;
  errors: Record<ErrorCode, string>;
}

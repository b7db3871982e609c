import type { UiStrings } from './ui-strings.js';

export type { UiStrings } from './ui-strings.js';

const en: UiStrings = {
  start: 'Start conversation',
  stop: 'End conversation',
  send: 'Send',
  inputLabel: 'Message',
  inputPlaceholder: 'Type a message…',
  transcriptLabel: 'Conversation',
  logLabel: 'Event log',
  you: 'You',
  assistant: 'Assistant',
  system: 'System',
  interrupted: '(interrupted)',
  empty: 'Press Start and talk, or type a message.',
  tool: 'Action',
  voiceMessage: 'Voice message',
  mute: 'Mute microphone',
  talk: 'Hold to talk',
  microphone: 'Microphone',
  speaker: 'Speaker',
  volume: 'Volume',
  tapToHear: 'Tap to hear the assistant',
  resumed: 'Reconnected — the conversation goes on',
  notTranscribed: 'Voice message (not transcribed)',
  replyFailed: '(the reply failed)',
  cutShort: '(cut short)',
  reasons: { max_output_tokens: '(cut short: too long)', content_filter: '(stopped by the content filter)' },
  approve: 'Approve',
  deny: 'Deny',
  approved: '(approved)',
  denied: '(denied)',
  toolsListed: 'tools ready',
  open: 'Voice chat',
  close: 'Close voice chat',
  copy: 'Copy message',
  copyAll: 'Copy conversation',
  downloadText: 'Download as text',
  downloadJson: 'Download as JSON',
  clear: 'Clear conversation',
  copied: 'Copied',
  cleared: 'Cleared from this panel. The assistant still remembers this call until it ends.',
  activities: {
    listening: 'Listening — speak now',
    'user-speaking': 'Hearing you…',
    thinking: 'Thinking…',
    'assistant-speaking': 'Speaking…',
  },
  pushToTalk: 'Hold the button or Space to talk',
  states: {
    idle: 'Ready',
    connecting: 'Connecting…',
    live: 'Live — speak now',
    reconnecting: 'Connection lost — reconnecting…',
    ended: 'Conversation ended',
    failed: 'Could not connect',
  },
  errors: {
    config_missing: 'This voice chat is not set up: it has no token endpoint or call endpoint.',
    token_unreachable: 'Could not reach the server for a session key. Check your connection and try again.',
    token_http_error: 'The server refused to start a session. Try again later.',
    token_invalid: 'The server sent an unusable session key.',
    token_expired: 'The session key had already expired. Try again.',
    microphone_denied: 'Microphone access is blocked. Allow it in the browser’s address bar, then press Start again.',
    microphone_unavailable: 'No working microphone was found. Connect one and try again.',
    microphone_not_allowed_here:
      'This page does not let the chat use a microphone (its frame lacks allow="microphone"). Please tell the site’s owner.',
    unsupported: 'This browser cannot make voice calls here (it needs WebRTC on a secure https page).',
    call_unreachable: 'Could not reach the voice service. Check your connection and try again.',
    call_rejected: 'The voice service refused the call.',
    call_invalid_answer: 'The voice service sent an invalid answer.',
    connection_failed: 'The voice connection failed. Your network may block it (voice needs UDP).',
    connection_lost: 'The connection dropped. Check your network and start again.',
    connect_timeout:
      'Connecting took too long. Your network may block voice calls (they need UDP); check it and try again.',
    channel_closed: 'The voice service ended the conversation.',
    server_error: 'The voice service reported an error.',
    server_event_invalid: 'The voice service sent a message that could not be read.',
    not_connected: 'Start the conversation first.',
    message_too_large: 'That message is too long to send.',
    queue_full: 'Too many messages are waiting. Wait a moment and try again.',
    tool_failed: 'An action on this page failed; the assistant was told.',
    voice_locked: 'The voice cannot change during a conversation. Start a new one.',
    rate_limited: 'The service is busy right now. Wait a minute and try again.',
    service_unavailable: 'The voice service is having trouble. Try again in a few minutes.',
    session_expired: 'This conversation reached its time limit. Start a new one to go on.',
    session_rejected:
      'The voice service refused this chat’s settings, so it could not start. Please tell the site’s owner.',
    response_failed: 'The assistant could not reply this time.',
    transcription_failed: 'What you said could not be written down, but the assistant heard it.',
    load_failed: 'The voice chat could not load. Check your connection and try again.',
    websocket_needs_token:
      'This voice chat is set up for WebRTC only: the WebSocket connection needs a token endpoint.',
    network_blocked:
      'This network blocks the voice connection, and this site offers no other way to connect. Try another network.',
    control_unavailable: 'The assistant is busy right now. Try again in a moment.',
    audio_format_unsupported: 'The service sent audio this page cannot play.',
    endpoint_failed: "This site's voice chat is not working right now. Try again later, or let the site know.",
  },
};

/** Languages ready to use. English is built in; others load on first use (see {@link loadLanguage}). */
export const LANGUAGES: Record<string, UiStrings> = { en };

// Each further language is its own small chunk: a page pays only for the language it shows.
const LOADERS: Record<string, () => Promise<{ default: UiStrings }>> = {
  ja: () => import('./strings-ja.js'),
};

const primary = (lang: string) => lang.toLowerCase().split('-')[0] ?? '';

/**
 * Loads a language's strings if we offer it and they are not loaded yet; resolves once they are in {@link LANGUAGES}
 * (English stays on failure). Returns undefined when there is nothing to load.
 */
export function loadLanguage(lang: string): Promise<void> | undefined {
  const code = primary(lang);
  const load = LOADERS[code];
  if (LANGUAGES[code] || !load) return undefined;
  // A missing chunk (one file copied alone) leaves the UI in English rather than broken.
  delete LOADERS[code];
  return load().then(
    (m) => void (LANGUAGES[code] = m.default),
    () => {},
  );
}

/** Overrides for any UI text; the groups (`states`, `activities`, `errors`, `reasons`) may name only some of theirs. */
export type UiStringOverrides = {
  [K in keyof UiStrings]?: UiStrings[K] extends string ? string : Partial<UiStrings[K]>;
};

/**
 * The strings for a BCP 47 tag (`ja-JP` → ja), English when the language is not offered or not loaded yet, with the
 * host's overrides on top.
 */
export function stringsFor(lang: string, overrides: UiStringOverrides = {}): UiStrings {
  const base = LANGUAGES[primary(lang)] ?? en;
  return {
    ...base,
    ...(overrides as Partial<UiStrings>),
    states: { ...base.states, ...overrides.states },
    activities: { ...base.activities, ...overrides.activities },
    reasons: { ...base.reasons, ...(overrides.reasons as Record<string, string> | undefined) },
    errors: { ...base.errors, ...overrides.errors },
  };
}

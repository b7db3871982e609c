import type { ErrorCode } from '../../core/index.js';

/** English's messages for the session's errors: a chunk that loads with the session code (core-loader.ts). */
const errors: Record<Exclude<ErrorCode, 'load_failed' | 'queue_full' | 'not_connected'>, string> = {
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
  message_too_large: 'That message is too long to send.',
  tool_failed: 'An action on this page failed; the assistant was told.',
  voice_locked: 'The voice cannot change during a conversation. Start a new one.',
  rate_limited: 'The service is busy right now. Wait a minute and try again.',
  service_unavailable: 'The voice service is having trouble. Try again in a few minutes.',
  session_expired: 'This conversation reached its time limit. Start a new one to go on.',
  session_rejected:
    'The voice service refused this chat’s settings, so it could not start. Please tell the site’s owner.',
  response_failed: 'The assistant could not reply this time.',
  transcription_failed: 'What you said could not be written down, but the assistant heard it.',
  websocket_needs_token: 'This voice chat is set up for WebRTC only: the WebSocket connection needs a token endpoint.',
  network_blocked:
    'This network blocks the voice connection, and this site offers no other way to connect. Try another network.',
  taken_over: 'The conversation continues in another tab.',
  control_unavailable: 'The assistant is busy right now. Try again in a moment.',
  budget_exhausted: "This site's voice chat has reached its limit for today. Try again tomorrow.",
  audio_format_unsupported: 'The service sent audio this page cannot play.',
  endpoint_failed: "This site's voice chat is not working right now. Try again later, or let the site know.",
};

export default errors;

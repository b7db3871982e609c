// The one-file <script> build: registers the element and exposes what a page without a bundler can use.
export { RealtimeVoiceChat } from './element/realtime-voice-chat.js';
export * from './element/events.js';
export { VoiceSession } from './core/session.js';
export { VoiceError } from './core/errors.js';
export { defineRealtimeVoiceChat } from './define.js';

// The one-file <script> build: registers the element and exposes what a page without a bundler can use. The session
// code is a chunk beside it, loaded on intent; `loadCore()` gives a page the framework-free `VoiceSession` from it.
export { RealtimeVoiceChat } from './element/realtime-voice-chat.js';
export * from './element/events.js';
export { defineRealtimeVoiceChat } from './define.js';
export { loadCore } from './element/core-loader.js';

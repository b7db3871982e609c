import { RealtimeVoiceChat } from './element/realtime-voice-chat.js';

// Loading the script twice (or two copies on one page) must not throw: the first definition wins.
if (!customElements.get('realtime-voice-chat')) customElements.define('realtime-voice-chat', RealtimeVoiceChat);

declare global {
  interface HTMLElementTagNameMap {
    'realtime-voice-chat': RealtimeVoiceChat;
  }
}

import { RealtimeVoiceChat } from './element/realtime-voice-chat.js';

/** Registers `<realtime-voice-chat>` unless something already did: loading the script twice must not throw. */
export function defineRealtimeVoiceChat(tag = 'realtime-voice-chat'): void {
  if (!customElements.get(tag)) customElements.define(tag, tag === 'realtime-voice-chat' ? RealtimeVoiceChat : class extends RealtimeVoiceChat {});
}

defineRealtimeVoiceChat();

declare global {
  interface HTMLElementTagNameMap {
    'realtime-voice-chat': RealtimeVoiceChat;
  }
}

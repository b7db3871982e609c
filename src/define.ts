import { RealtimeVoiceChat } from './element/realtime-voice-chat.js';

/**
 * Registers `<realtime-voice-chat>` unless something already did: loading the script twice, or two copies of it on one
 * page, must not throw. Where there is no registry at all (a server without Lit's SSR shim) it does nothing.
 */
export function defineRealtimeVoiceChat(tag = 'realtime-voice-chat'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag))
    customElements.define(tag, tag === 'realtime-voice-chat' ? RealtimeVoiceChat : class extends RealtimeVoiceChat {});
}

defineRealtimeVoiceChat();

declare global {
  interface HTMLElementTagNameMap {
    'realtime-voice-chat': RealtimeVoiceChat;
  }
}

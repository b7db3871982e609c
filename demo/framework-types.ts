// JSX typing of <realtime-voice-chat> for the React demo: attributes, plus `on<event>` props with typed events.
import type { RealtimeVoiceChat, RvcEventMap } from 'realtime-voice-chat-element';

type ChatEvents = { [K in keyof RvcEventMap as `on${K}`]?: (event: RvcEventMap[K]) => void };
type ChatAttributes = Partial<
  Record<
    | 'token-endpoint'
    | 'call-endpoint'
    | 'base-url'
    | 'model'
    | 'voice'
    | 'instructions'
    | 'turn-detection'
    | 'lang'
    | 'theme'
    | 'layout',
    string
  >
> & {
  muted?: boolean;
  ref?: import('react').Ref<RealtimeVoiceChat>;
  children?: never;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace: augmenting it is the only way to type a custom element's props
  namespace JSX {
    interface IntrinsicElements {
      'realtime-voice-chat': ChatAttributes & ChatEvents & { class?: string; id?: string };
    }
  }
}
export {};

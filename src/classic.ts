// The types of `/classic`, the classic-script build: it registers the element and names its exports on the page as
// `RealtimeVoiceChat` (loaded as a module it exports nothing). vite.classic.config.ts builds the script itself.
import type * as Standalone from './standalone.js';

declare global {
  var RealtimeVoiceChat: typeof Standalone;
}

export {};

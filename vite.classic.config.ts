import { defineConfig } from 'vite';
import standalone from './vite.standalone.config.js';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';
import { workletFile } from './scripts/worklet-file.js';

// The classic-script build, for pages and tag managers that cannot load a module: the one-file build's settings,
// as one IIFE with the lazy parts, the audio worklets and the socket worker inside (a classic script imports nothing).
export default defineConfig({
  ...standalone,
  plugins: [minifyCssLiterals(), workletFile({ prefix: 'realtime-voice-chat-', classic: true })],
  build: {
    ...standalone.build,
    lib: {
      entry: 'src/standalone.ts',
      formats: ['iife'],
      name: 'RealtimeVoiceChat',
      fileName: () => 'realtime-voice-chat.classic.js',
    },
  },
});

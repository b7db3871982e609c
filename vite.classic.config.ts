import { defineConfig } from 'vite';
import standalone from './vite.standalone.config.js';

// The classic-script build, for pages and tag managers that cannot load a module: the one-file build's settings,
// as one IIFE with the lazy parts inlined (a classic script cannot import chunks).
export default defineConfig({
  ...standalone,
  build: {
    ...standalone.build,
    lib: { entry: 'src/standalone.ts', formats: ['iife'], name: 'RealtimeVoiceChat', fileName: () => 'realtime-voice-chat.classic.js' },
    rollupOptions: {},
  },
});

import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';

// The classic-script build, for pages and tag managers that cannot load a module: one file, lazy parts inlined.
export default defineConfig({
  plugins: [minifyCssLiterals()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    lib: { entry: 'src/standalone.ts', formats: ['iife'], name: 'RealtimeVoiceChat', fileName: () => 'realtime-voice-chat.classic.js' },
  },
});

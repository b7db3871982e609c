import { defineConfig } from 'vite';
import { workletFile } from './scripts/worklet-file.js';

// The npm entry points: ESM, with lit and zod left as dependencies for the app's bundler to share. The stand-in is
// Node-only; its WebRTC, Opus and speech packages are optional peer dependencies.
export default defineConfig({
  plugins: [workletFile()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core/index.ts',
        server: 'src/server/index.ts',
        'stand-in': 'src/stand-in/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: [
        /^lit/,
        /^@lit\//,
        /^zod/,
        /^rate-limiter-flexible/,
        /^node:/,
        'werift',
        'ws',
        '@evan/opus',
        /^@echogarden\//,
      ],
    },
  },
});

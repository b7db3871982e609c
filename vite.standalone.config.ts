import { defineConfig } from 'vite';

// The one-file build for a plain <script type="module">: Lit and zod/mini inside, minified.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'realtime-voice-chat.js' },
  },
});

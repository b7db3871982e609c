import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';
import { workletFile } from './scripts/worklet-file.js';

// The one-file build for a plain <script type="module">: Lit and zod/mini inside, minified.
export default defineConfig({
  plugins: [minifyCssLiterals(), workletFile({ prefix: 'realtime-voice-chat-' })],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    // Terser mangles and folds harder than the default minifier: ~2 KB gzip less on this bundle.
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    lib: { entry: 'src/standalone.ts', formats: ['es'], fileName: () => 'realtime-voice-chat.js' },
    // Parts only some visitors use (other languages, page tools, the log pane, the device pickers, push-to-talk, the
    // WebSocket transport and its audio worklets)
    // are chunks next to this file, loaded the first time they are needed. They import nothing at run time (Lit's
    // `html` is handed to them), so no code is shared and the main file stays whole.
    rollupOptions: { output: { chunkFileNames: 'realtime-voice-chat-[name].js' } },
  },
});

import { svelte } from '@sveltejs/vite-plugin-svelte';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The framework demo apps (demo/react, demo/vue, demo/svelte), built from the package's source as an app would use it.
export default defineConfig({
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'realtime-voice-chat' } } }),
    svelte(),
  ],
  resolve: { alias: { 'realtime-voice-chat-element': fileURLToPath(new URL('src/index.ts', import.meta.url)) } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist/demo',
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: { react: 'demo/react/app.tsx', vue: 'demo/vue/app.ts', svelte: 'demo/svelte/app.ts' },
      formats: ['es'],
    },
    rollupOptions: { output: { chunkFileNames: '[name]-[hash].js' } },
  },
});

import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Preact through esbuild's automatic JSX runtime: no Babel plugin needed.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    assetsInlineLimit: 0,
  },
});

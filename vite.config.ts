/** Vite build of the dashboard: root src-renderer/, output dist/renderer/, relative base so Electron can load it from file://. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // No inline scripts or data: modules, so the strict CSP in index.html holds.
    assetsInlineLimit: 0,
    // A desktop app loaded from disk: one bundle is fine.
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
  server: { fs: { allow: [here('.')] } },
});

// Vite build and dev server for the web app; in dev every server path is proxied to the one-process backend.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const BACKEND = 'http://127.0.0.1:8080';

// Paths owned by the backend (see DESIGN.md, "URL layout"); everything else is the SPA.
const BACKEND_PATHS = [
  '/tiles',
  '/cameras',
  '/media',
  '/export',
  '/open311',
  '/ogc',
  '/cap',
  '/healthz',
  '/readyz',
];

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // maplibre-gl and deck.gl are each several hundred kB minified; they are split into their own chunks.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          if (id.includes('node_modules/@deck.gl') || id.includes('node_modules/@luma.gl')) return 'deckgl';
          if (id.includes('node_modules/@loaders.gl')) return 'deckgl';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: BACKEND, ws: true, changeOrigin: true },
      ...Object.fromEntries(BACKEND_PATHS.map((path) => [path, { target: BACKEND, changeOrigin: true }])),
    },
  },
});

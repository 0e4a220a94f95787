import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Served by the API server under /pmp/ (server/src/portal-host); in development Vite proxies
// the API to a server started with `npm start` (PORT 9109 unless PMS_DEV_API says otherwise).
const api = process.env.PMS_DEV_API ?? 'http://127.0.0.1:9109';

export default defineConfig({
  base: '/pmp/',
  plugins: [react()],
  // @pms/rules is bundled from its TypeScript source (packages/rules/package.json), no build needed.
  resolve: { conditions: ['pms-source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/v1': { target: api, changeOrigin: false } },
  },
});

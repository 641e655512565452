import { defineConfig } from 'vite';

// The server serves the build from its wwwroot; `npm run dev` proxies the hub and the API to a running server.
export default defineConfig({
  build: { outDir: '../DiploSim.Server/wwwroot', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:5180', '/hub': { target: 'http://localhost:5180', ws: true } } },
});

import { defineConfig } from 'vitest/config';

// The server serves the build from its wwwroot; `npm run dev` proxies the hub and the API to a running server.
// Preact's JSX through esbuild's automatic runtime; `npm test` runs the unit tests (vitest) next to the sources.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: '../DiploSim.Server/wwwroot', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:5180', '/hub': { target: 'http://localhost:5180', ws: true } } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The dashboard build: `npm run build:web` (`vite build web`) writes web/dist, which
 * `journeylens serve` serves. `npx vite web` runs a dev server that proxies the API.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // ECharts with the six charts used is ~650 KB (~215 KB gzipped), served once and cached.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // ECharts in its own chunk: a change to a page does not re-download the charts.
        manualChunks: (id: string) =>
          id.includes("node_modules/echarts") || id.includes("node_modules/zrender")
            ? "charts"
            : undefined,
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8787" } },
});

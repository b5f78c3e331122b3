import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app (web/) builds to dist/web, which the deeplisten server serves. `npm run dev:web` runs
 * Vite's dev server with /api proxied to a running `deeplisten serve` on 4747.
 */
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // The mind-map editor is a lazily loaded chunk of its own; the first view stays small.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { "/api": "http://127.0.0.1:4747" } },
});

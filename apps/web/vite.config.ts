import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// Core is consumed as TypeScript source through the "@taizhang/source" export
// condition, so the web app needs no build of core. Core's modules are pure
// (STYLE.md), but bundlers cannot know that: without the hint below, importing
// one date helper would drag in every zod schema, the importer and the plans.
const coreSource = /[\\/]packages[\\/]core[\\/]src[\\/]/;

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@taizhang/source", ...defaultClientConditions] },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8787", changeOrigin: false } },
  },
  build: {
    target: "es2022",
    sourcemap: true,
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !coreSource.test(id) },
    },
  },
});

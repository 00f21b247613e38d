import react from "@vitejs/plugin-react";
import { defineTaizhangProject } from "@taizhang/vitest-config";

// Component tests run in jsdom; the end-to-end tests in src/e2e opt into the
// node environment with a `@vitest-environment node` docblock.
export default defineTaizhangProject({
  plugins: [react()],
  test: {
    name: "web",
    environment: "./src/test/environment.ts",
    setupFiles: ["./src/test/setup.ts"],
    testTimeout: 20_000,
  },
});

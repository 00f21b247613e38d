import { defineConfig } from "vitest/config";

// Every workspace package with tests is one vitest project (STYLE.md:
// `test.projects`, not the deprecated `workspace` file).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts", "tooling/*/vitest.config.ts"],
    reporters: ["default", "./tooling/vitest/summary-reporter.js"],
  },
});

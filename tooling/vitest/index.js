// Shared vitest settings for every workspace project. Packages resolve each
// other's TypeScript sources through the "@taizhang/source" export condition,
// so tests never need a build of their dependencies.
import { defineProject, mergeConfig } from "vitest/config";

/** @param {import("vitest/config").UserProjectConfigExport} overrides */
export function defineTaizhangProject(overrides = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: ["@taizhang/source"] },
      ssr: { resolve: { conditions: ["@taizhang/source"] } },
      test: {
        environment: "node",
        include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
        testTimeout: 20_000,
        hookTimeout: 60_000,
      },
    }),
    overrides,
  );
}

import { builtinEnvironments } from "vitest/runtime";
import type { Environment } from "vitest/environments";

/**
 * jsdom, with modules transformed as Node code (Vite's "ssr" environment):
 * the component tests run the real API app in the same process
 * (tooling/test-kit), and browser-mode transforms would rewrite its
 * `new URL(…, import.meta.url)` file paths (its web dist, its parse
 * worker) into page URLs.
 */
const environment: Environment = { ...builtinEnvironments.jsdom, name: "jsdom-with-node-modules", viteEnvironment: "ssr" };
export default environment;

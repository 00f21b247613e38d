import { readFileSync } from "node:fs";

/** The version of `taizhang`: apps/tui/package.json's, read when asked (from src/ in tests, from dist/ when built). */
export function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : undefined;
  if (typeof version !== "string") throw new Error("apps/tui/package.json has no version");
  return version;
}

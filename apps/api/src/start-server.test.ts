import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./env.js";
import { startServer, tokenCreateHint } from "./start-server.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("the first start's token hint", () => {
  it("names the server's own data folder as an absolute path, even when TAIZHANG_DATA is relative", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-hint-"));
    const lines: string[] = [];
    try {
      const config = parseConfig({ TAIZHANG_DATA: relative(process.cwd(), join(dir, "store")), PORT: "0", TAIZHANG_WEB_DIST: "/nonexistent" });
      const server = await startServer(config, { logger: silent, say: (line) => lines.push(line) });
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toContain(`    taizhang token create --unit 市政府法制办 --role office --data ${join(dir, "store")}`);
  });

  it("quotes a folder the shell would split, and names a PostgreSQL store by its URL without the password", () => {
    expect(tokenCreateHint({ dataDir: "/srv/tai zhang's data", databaseUrl: null })).toEqual([
      "    taizhang token create --unit 市政府法制办 --role office --data '/srv/tai zhang'\\''s data'",
    ]);
    const pg = tokenCreateHint({ dataDir: "./data", databaseUrl: "postgresql://taizhang:s3cret@db.internal:5432/ledger" });
    expect(pg[0]).toBe("    taizhang token create --unit 市政府法制办 --role office --database-url postgresql://taizhang@db.internal:5432/ledger");
    expect(pg.join("\n")).not.toContain("s3cret");
    expect(pg[1]).toMatch(/without its password/);
    expect(tokenCreateHint({ dataDir: "./data", databaseUrl: "postgres://127.0.0.1/test" })).toEqual(["    taizhang token create --unit 市政府法制办 --role office --database-url postgres://127.0.0.1/test"]);
  });
});

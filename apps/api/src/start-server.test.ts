import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
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

describe("Node's own refusals", () => {
  it("answers a bad request line (400) and headers too large (431) as problem+json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-client-error-"));
    const config = parseConfig({ TAIZHANG_DATA: join(dir, "store"), PORT: "0", TAIZHANG_WEB_DIST: "/nonexistent" });
    const server = await startServer(config, { logger: silent, say: () => undefined });
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        const socket = connect(Number(port), hostname);
        let answer = "";
        socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
        socket.write(request);
      });
    try {
      const bad = await raw("NOT A REQUEST\r\n\r\n");
      expect(bad).toMatch(/^HTTP\/1\.1 400 /);
      expect(bad).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(bad.slice(bad.indexOf("\r\n\r\n") + 4))).toMatchObject({ type: "https://taizhang.dev/problems/invalid-request", status: 400 });
      const big = await raw(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(big.slice(big.indexOf("\r\n\r\n") + 4))).toMatchObject({ type: "https://taizhang.dev/problems/headers-too-large", status: 431 });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

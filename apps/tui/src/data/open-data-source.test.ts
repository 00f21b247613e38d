import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseSource, DEFAULT_API, probeServer } from "./open-data-source.js";

const base = { source: "cli" as const, cwd: "/work" };
const yes = () => Promise.resolve(true);
const no = () => Promise.resolve(false);

describe("chooseSource", () => {
  it("takes --api or TAIZHANG_API, with --token or TAIZHANG_TOKEN", async () => {
    expect(await chooseSource({ ...base, api: "http://x:1", token: "t", env: {}, probe: no })).toEqual({ kind: "remote", url: "http://x:1", token: "t" });
    expect(await chooseSource({ ...base, env: { TAIZHANG_API: "http://y:2", TAIZHANG_TOKEN: "s" }, probe: no })).toEqual({
      kind: "remote",
      url: "http://y:2",
      token: "s",
    });
  });

  it("uses the embedded store for --data or --local, even when a server answers", async () => {
    expect(await chooseSource({ ...base, data: "d", env: { TAIZHANG_API: "http://y:2" }, probe: yes })).toEqual({ kind: "local", dir: "/work/d" });
    expect(await chooseSource({ ...base, local: true, env: { TAIZHANG_DATA: "/srv/t" }, probe: yes })).toEqual({ kind: "local", dir: "/srv/t" });
  });

  it("by default uses the local server when it answers, else ./data", async () => {
    expect(await chooseSource({ ...base, env: {}, probe: yes })).toEqual({ kind: "remote", url: DEFAULT_API, token: null });
    expect(await chooseSource({ ...base, env: {}, probe: no })).toEqual({ kind: "local", dir: "/work/data" });
  });
});

describe("probeServer", () => {
  let fast: Server;
  let slow: Server;
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  beforeAll(async () => {
    fast = createServer((req, res) => {
      res.writeHead(req.url === "/healthz" ? 200 : 404).end("{}");
    });
    slow = createServer((_req, res) => {
      setTimeout(() => res.writeHead(200).end("{}"), 1000);
    });
    await Promise.all([fast, slow].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await Promise.all([fast, slow].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("is true for a server whose /healthz answers, false for a closed port or one too slow", async () => {
    expect(await probeServer(url(fast))).toBe(true);
    expect(await probeServer("http://127.0.0.1:9")).toBe(false);
    const started = Date.now();
    expect(await probeServer(url(slow))).toBe(false);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

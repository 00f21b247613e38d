import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "@taizhang/store";
import type { Plan } from "@taizhang/core";
import type { CliIo } from "../cli/command.js";

/** A fresh data directory holding an embedded store with the given plans. */
export async function tempStore(plans: readonly Plan[]): Promise<{ dir: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "taizhang-tui-"));
  const ledger = await openLedger({ dataDir: dir });
  try {
    for (const plan of plans) await ledger.loadPlan(plan);
  } finally {
    await ledger.close();
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A CliIo that keeps what is written (stdout as bytes too: `-o -` writes files there). */
export function captureIo(cwd: string): CliIo & { out: () => string; outBytes: () => Buffer; err: () => string } {
  const out: Buffer[] = [];
  let err = "";
  return {
    cwd,
    stdout: (chunk) => {
      out.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk));
    },
    stderr: (text) => {
      err += text;
    },
    out: () => Buffer.concat(out).toString("utf8"),
    outBytes: () => Buffer.concat(out),
    err: () => err,
  };
}

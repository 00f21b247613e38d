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

/** A CliIo that keeps what is written. */
export function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    cwd,
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    out: () => out,
    err: () => err,
  };
}

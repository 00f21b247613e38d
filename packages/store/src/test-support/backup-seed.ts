import { createHash } from "node:crypto";
import type { UnitId } from "@taizhang/core";
import { fixturePlan, UNIT_LEGAL } from "../__fixtures__/fixture-plan.js";
import { backupLedger, type BackupLines } from "../backup.js";
import { loadBuiltInPlans } from "../built-in-plans.js";
import type { KyselyLedger } from "../kysely-ledger.js";
import type { ProgressUpdate } from "../ledger.js";
import { ADMIN, item, task, unit } from "./ids.js";

/** The fixed time a test backup says it was made. */
export const BACKUP_CLOCK = () => new Date("2026-03-01T00:00:00.000Z");

/**
 * Fills a store with something of everything: the four built-in plans and the
 * fixture plan (Chinese text, aliases, targets with fractional values, tasks
 * without units), progress with evidence, measured values and 责任人, more
 * history than one page of a backup holds, assignment history with orphaned
 * progress, and office tokens (one revoked).
 * Returns the secret of a live office token.
 */
export async function seedStore(ledger: KyselyLedger): Promise<{ officeSecret: string; officeUnit: UnitId }> {
  await ledger.loadPlan(fixturePlan());
  await loadBuiltInPlans(ledger);
  const rows = await ledger.checklist({});
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < rows.length; i += 200) {
      const updates: ProgressUpdate[] = rows.slice(i, i + 200).map((r, j) => ({
        itemId: r.item.id,
        unitId: r.unitId,
        expectedVersion: round,
        patch:
          round === 0
            ? { status: "in_progress", percent: (i + j) % 100, note: `第${i + j}项 进展 "quoted" \\ and a line\nbreak` }
            : { evidence: [{ description: "会议纪要", url: j % 2 === 0 ? "https://example.gov.cn/a?b=1" : null }] },
        comment: j % 3 === 0 ? null : "备注",
      }));
      const result = await ledger.bulkUpdateProgress(ADMIN, updates);
      if (!result.ok) throw new Error(`seeding failed: ${JSON.stringify(result.results.find((r) => r.error))}`);
    }
  }
  const legal = unit(UNIT_LEGAL);
  await ledger.updateProgress(ADMIN, {
    itemId: item(1, "m1"),
    unitId: legal,
    expectedVersion: 2,
    patch: {
      measuredValue: { value: 92.125, unit: "%", asOf: "2017-01-01" },
      responsiblePerson: { name: "张伟", post: "科长", contact: null },
    },
  });
  // Assignment history: units given to a task the text names none for, and a unit removed from one it does (its progress orphaned).
  await ledger.assignUnits(ADMIN, task(3), { lead: ["市政府法制办"], responsible: [] });
  await ledger.assignUnits(ADMIN, task(1), { lead: ["市政府法制办"], responsible: ["市发展改革委"], replace: true, reason: "市财政局不再承担" });
  const office = await ledger.createToken({ name: "法制办填报", role: "office", unitId: legal });
  const revoked = await ledger.createToken({ name: "旧的", role: "viewer", unitId: null });
  await ledger.revokeToken(revoked.record.id);
  await ledger.createToken({ name: "管理员", role: "admin", unitId: null });
  return { officeSecret: office.token, officeUnit: legal };
}

/** The whole backup of a store as text, made at {@link BACKUP_CLOCK}. */
export async function backupText(ledger: KyselyLedger): Promise<string> {
  let text = "";
  await backupLedger(ledger, (chunk) => {
    text += chunk;
  }, { clock: BACKUP_CLOCK });
  return text;
}

/** A backup's text as a restore reads it. */
export function linesOf(text: string): BackupLines {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return async function* () {
    await Promise.resolve();
    yield* lines;
  };
}

/** Rewrites the trailer so that edited rows pass the counts and sha256 checks (to reach the checks behind them). */
export function reseal(text: string): string {
  const lines = text.split("\n").filter((l) => l !== "");
  const [header, ...rest] = lines;
  const rows = rest.slice(0, -1);
  const counts: Record<string, number> = {};
  const original = JSON.parse(rest.at(-1) ?? "{}") as { rows: Record<string, number> };
  for (const name of Object.keys(original.rows)) counts[name] = 0;
  const hash = createHash("sha256");
  for (const row of rows) {
    const t = (JSON.parse(row) as { t: string }).t;
    counts[t] = (counts[t] ?? 0) + 1;
    hash.update(`${row}\n`);
  }
  const trailer = JSON.stringify({ end: "taizhang-backup", rows: counts, sha256: hash.digest("hex") });
  return `${[header, ...rows, trailer].join("\n")}\n`;
}

import type { UnitId } from "@taizhang/core";
import type { ProgressRow } from "../../data/data-source.js";
import type { Row } from "../screens/screen-types.js";

export type TargetChoice = { ok: true; target: ProgressRow } | { ok: false; why: "noProgress" } | { ok: false; why: "noOwnLine"; unit: UnitId };

/**
 * The progress line `s`, `n`, `p` and `%` change: the one under the cursor;
 * off a progress line (a task's heading, say), the line of "my" unit (the
 * office's, `--unit`, or the one chosen); with no unit of mine, the first
 * line. When I have a unit and the screen has no line of it, none: another
 * office's line is never taken for mine.
 */
export function progressTarget(rows: readonly Row[], selected: Row | undefined, myUnit: UnitId | null): TargetChoice {
  if (selected?.progress) return { ok: true, target: selected.progress };
  const lines = rows.flatMap((r) => (r.progress ? [r.progress] : []));
  const [first] = lines;
  if (!first) return { ok: false, why: "noProgress" };
  if (myUnit === null) return { ok: true, target: first };
  const mine = lines.find((l) => l.unitId === myUnit);
  return mine ? { ok: true, target: mine } : { ok: false, why: "noOwnLine", unit: myUnit };
}

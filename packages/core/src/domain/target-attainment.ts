import type { MeasuredValue } from "../model/progress.js";
import type { Target } from "../model/target.js";

/** 达标 met, 未达标 not met, or not comparable (no measured value, or another unit). */
export const ATTAINMENTS = ["met", "not_met", "unknown"] as const;
export type Attainment = (typeof ATTAINMENTS)[number];

/** Units that name the same thing however they are written (％ and %). */
const sameUnit = (a: string, b: string): boolean => a.normalize("NFKC").trim() === b.normalize("NFKC").trim();

/**
 * Whether a measured value meets a target: 不低于 (gte) ≥, 不超过 (lte) ≤, 高于 (gt) >,
 * 低于 (lt) <; 达到 (eq) is read as "at least" (a rate that reaches 90 % and goes
 * beyond it has reached it); N个工作日内 (within) is met by at most N. Unknown
 * when nothing is measured or the units differ (a target in % and a value in 人).
 */
export function targetAttainment(target: Pick<Target, "comparator" | "value" | "unit">, measured: MeasuredValue | null): Attainment {
  if (!measured) return "unknown";
  if (target.unit !== "" && measured.unit !== "" && !sameUnit(target.unit, measured.unit)) return "unknown";
  const v = measured.value;
  const t = target.value;
  switch (target.comparator) {
    case "gte":
    case "eq":
      return v >= t ? "met" : "not_met";
    case "gt":
      return v > t ? "met" : "not_met";
    case "lte":
    case "within":
      return v <= t ? "met" : "not_met";
    case "lt":
      return v < t ? "met" : "not_met";
  }
}

/** The attainment of an item against all its targets: met when every comparable one is met, not met when any is not. */
export function itemAttainment(targets: readonly Pick<Target, "comparator" | "value" | "unit">[], measured: MeasuredValue | null): Attainment {
  const each = targets.map((t) => targetAttainment(t, measured));
  if (each.includes("not_met")) return "not_met";
  return each.includes("met") ? "met" : "unknown";
}

import type { ProgressRow } from "../../data/data-source.js";
import { unitName } from "../screens/format.js";

/** "chengdu-2015/3#m1 · 市政府法制办": the progress line an overlay changes. */
export function targetLabel(target: ProgressRow): string {
  return `${target.itemId} · ${unitName(target.unitId)}`;
}

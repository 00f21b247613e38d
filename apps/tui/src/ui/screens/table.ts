import { fit, type Align } from "../text/index.js";
import type { Segment } from "./screen-types.js";

export interface Cell extends Omit<Segment, "text"> {
  text: string;
  align?: Align;
}

export interface ColumnSpec {
  /** Fixed width in cells; omit on the one column that takes what is left. */
  width?: number;
  min?: number;
  align?: Align;
}

const GAP = 1;

/**
 * Column widths for a table `width` cells wide: fixed columns keep their
 * width and the flexible one takes the rest (at least its `min`). When even
 * that does not fit, fixed columns shrink from the right.
 */
export function columnWidths(width: number, specs: readonly ColumnSpec[]): number[] {
  const gaps = GAP * Math.max(0, specs.length - 1);
  const fixed = specs.reduce((n, s) => n + (s.width ?? 0), 0);
  const widths = specs.map((s) => s.width ?? Math.max(s.min ?? 1, width - gaps - fixed));
  let over = widths.reduce((a, b) => a + b, 0) + gaps - width;
  for (let i = widths.length - 1; i >= 0 && over > 0; i--) {
    const w = widths[i] ?? 0;
    const cut = Math.min(over, Math.max(0, w - 2));
    widths[i] = w - cut;
    over -= cut;
  }
  return widths;
}

/** A row of cells, each fitted to its column, as styled segments. */
export function tableRow(cells: readonly Cell[], widths: readonly number[], specs: readonly ColumnSpec[]): Segment[] {
  const out: Segment[] = [];
  widths.forEach((w, i) => {
    const cell = cells[i] ?? { text: "" };
    const { text, align, ...style } = cell;
    if (i > 0) out.push({ text: " ".repeat(GAP) });
    out.push({ ...style, text: fit(text, w, align ?? specs[i]?.align) });
  });
  return out;
}

/** A full-width line of one style. */
export function line(text: string, width: number, style: Omit<Segment, "text"> = {}): Segment[] {
  return [{ ...style, text: fit(text, width) }];
}

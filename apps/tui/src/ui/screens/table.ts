import { displayWidth, fit, type Align } from "../text/index.js";
import type { Segment } from "./screen-types.js";

export interface Cell extends Omit<Segment, "text"> {
  text: string;
  align?: Align;
}

const GAP = 1;

/** A column sized to what it holds. */
export interface FitColumn {
  /** Every text of the column, its heading included. */
  texts: readonly string[];
  /** The least it is cut to, and the most it takes (default: no limit). */
  min?: number;
  max?: number;
  /**
   * When the table is too wide, columns give up room in this order (lower
   * first), each down to its `min`; a column without one keeps its width
   * (逾期N天 is never cut while anything else can give).
   */
  shrink?: number;
  /** Shown only when there is room for it (at least `min`) beside the others, and it has something to show. */
  optional?: boolean;
  align?: Align;
}

/**
 * Column widths for a table `width` cells wide, each column as wide as its
 * widest text (within its min and max). Nothing is cut while there is room:
 * what is left over after every column fits goes to the optional columns
 * (a progress note), else stays at the end of the line rather than
 * between columns. When the table is too wide, columns give up room in
 * their `shrink` order, then (a very narrow terminal) from the right.
 * A dropped optional column has width 0.
 */
export function fitColumns(width: number, columns: readonly FitColumn[]): number[] {
  const natural = columns.map((c) => Math.max(c.min ?? 1, Math.min(c.max ?? Number.POSITIVE_INFINITY, Math.max(0, ...c.texts.map(displayWidth)))));
  const widths = columns.map((c, i) => (c.optional ? 0 : (natural[i] ?? 0)));
  const used = (): number => {
    const shown = widths.filter((w) => w > 0);
    return shown.reduce((a, b) => a + b, 0) + GAP * Math.max(0, shown.length - 1);
  };
  let over = used() - width;
  const order = columns.flatMap((c, i) => (c.shrink !== undefined && !c.optional ? [{ i, rank: c.shrink }] : [])).sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { i } of order) {
    if (over <= 0) break;
    const w = widths[i] ?? 0;
    const cut = Math.min(over, Math.max(0, w - (columns[i]?.min ?? 1)));
    widths[i] = w - cut;
    over -= cut;
  }
  for (let i = widths.length - 1; i >= 0 && over > 0; i--) {
    const w = widths[i] ?? 0;
    const cut = Math.min(over, Math.max(0, w - 2));
    widths[i] = w - cut;
    over -= cut;
  }
  columns.forEach((c, i) => {
    const room = width - used() - GAP;
    const hasText = c.texts.slice(1).some((text) => text !== "");
    if (c.optional && hasText && room >= (c.min ?? 1)) widths[i] = Math.min(natural[i] ?? 0, room);
  });
  return widths;
}

/**
 * A row of cells, each fitted to its column, as styled segments; a column of
 * width 0 is left out. With `fill`, the row is padded to that many cells
 * (a table narrower than the screen still draws full lines).
 */
export function tableRow(cells: readonly Cell[], widths: readonly number[], specs: ReadonlyArray<{ align?: Align }>, fill?: number): Segment[] {
  const out: Segment[] = [];
  widths.forEach((w, i) => {
    if (w <= 0) return;
    const cell = cells[i] ?? { text: "" };
    const { text, align, ...style } = cell;
    if (out.length > 0) out.push({ text: " ".repeat(GAP) });
    out.push({ ...style, text: fit(text, w, align ?? specs[i]?.align) });
  });
  const used = out.reduce((n, s) => n + displayWidth(s.text), 0);
  if (fill !== undefined && used < fill) out.push({ text: " ".repeat(fill - used) });
  return out;
}

/** A full-width line of one style. */
export function line(text: string, width: number, style: Omit<Segment, "text"> = {}): Segment[] {
  return [{ ...style, text: fit(text, width) }];
}

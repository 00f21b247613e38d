import { displayWidth } from "./display-width.js";
import { truncate } from "./truncate.js";

export type Align = "left" | "right";

/**
 * Fits `text` into exactly `width` cells: truncated with "…" when too long,
 * padded with spaces when short (on the right for left-aligned text).
 */
export function fit(text: string, width: number, align: Align = "left"): string {
  if (width <= 0) return "";
  const cut = truncate(text, width);
  const gap = " ".repeat(Math.max(0, width - displayWidth(cut)));
  return align === "left" ? cut + gap : gap + cut;
}

/** A column of a fixed-width row. */
export interface Column {
  width: number;
  align?: Align;
}

/**
 * Lays out cells side by side, each fitted to its column and separated by
 * `gap` spaces. The result is exactly the sum of the widths plus the gaps.
 */
export function columns(cells: readonly string[], layout: readonly Column[], gap = 1): string {
  return layout.map((col, i) => fit(cells[i] ?? "", col.width, col.align)).join(" ".repeat(gap));
}

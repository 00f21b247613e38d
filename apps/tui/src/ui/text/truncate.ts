import { displayWidth, graphemes } from "./display-width.js";

/** The mark left where text was cut. */
export const ELLIPSIS = "…";

/**
 * Shortens `text` to at most `budget` cells, ending it with "…" when
 * anything was cut. Cuts fall between graphemes, never inside a surrogate
 * pair or a combining sequence; a full-width character that would straddle
 * the budget is dropped whole, so the result may be one cell short.
 */
export function truncate(text: string, budget: number): string {
  if (budget <= 0) return "";
  if (displayWidth(text) <= budget) return text;
  const ellipsisWidth = displayWidth(ELLIPSIS);
  if (budget < ellipsisWidth) return "";
  const room = budget - ellipsisWidth;
  let used = 0;
  let kept = "";
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (used + w > room) break;
    kept += g;
    used += w;
  }
  return kept + ELLIPSIS;
}

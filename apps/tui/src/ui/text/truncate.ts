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

/** Like {@link truncate}, but keeps the end: "…" then the last cells of `text` (for text being typed). */
export function truncateStart(text: string, budget: number): string {
  if (budget <= 0) return "";
  if (displayWidth(text) <= budget) return text;
  const room = budget - displayWidth(ELLIPSIS);
  if (room < 0) return "";
  let used = 0;
  const kept: string[] = [];
  for (const g of graphemes(text).reverse()) {
    const w = displayWidth(g);
    if (used + w > room) break;
    kept.unshift(g);
    used += w;
  }
  return ELLIPSIS + kept.join("");
}

/**
 * A prompt line "title: value▏" within `width` cells. When it does not fit,
 * the title is cut first, then the start of the value — the cursor end of
 * what is being typed always stays in sight.
 */
export function promptText(title: string, value: string, width: number): string {
  const typed = `${value}▏`;
  const full = `${title}: ${typed}`;
  if (displayWidth(full) <= width) return full;
  const titleRoom = width - displayWidth(typed) - 2;
  if (titleRoom >= 8) return `${truncate(title, titleRoom)}: ${typed}`;
  return truncateStart(typed, width);
}

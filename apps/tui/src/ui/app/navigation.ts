import type { ScreenRef } from "../screens/screen-types.js";

/** One screen on the stack, with the user's place in it. */
export interface NavEntry {
  ref: ScreenRef;
  cursor: number;
  /** The first visible row. */
  offset: number;
}

/** Never empty: the bottom entry is the root screen. */
export type NavStack = readonly [NavEntry, ...NavEntry[]];

export const entry = (ref: ScreenRef): NavEntry => ({ ref, cursor: -1, offset: 0 });

export function top(stack: NavStack): NavEntry {
  return stack[stack.length - 1] ?? stack[0];
}

export function push(stack: NavStack, ref: ScreenRef): NavStack {
  return [...stack, entry(ref)];
}

/** Back one screen; the one below keeps the cursor it had. The root stays. */
export function pop(stack: NavStack): NavStack {
  if (stack.length <= 1) return stack;
  return stack.slice(0, -1) as unknown as NavStack;
}

export function replaceTop(stack: NavStack, ref: ScreenRef): NavStack {
  return [...stack.slice(0, -1), entry(ref)] as unknown as NavStack;
}

export function updateTop(stack: NavStack, change: Partial<Omit<NavEntry, "ref">>): NavStack {
  return [...stack.slice(0, -1), { ...top(stack), ...change }] as unknown as NavStack;
}

/**
 * Moves the cursor to the nearest selectable row at or beyond `target`
 * (searching in `direction`), and scrolls so that it is visible in a window
 * of `height` rows. A cursor of -1 means "not placed yet": the first
 * selectable row.
 */
export function placeCursor(
  selectable: readonly boolean[],
  current: NavEntry,
  target: number,
  direction: 1 | -1,
  height: number,
): Pick<NavEntry, "cursor" | "offset"> {
  const n = selectable.length;
  if (n === 0) return { cursor: -1, offset: 0 };
  let i = Math.max(0, Math.min(n - 1, target));
  while (i >= 0 && i < n && !selectable[i]) i += direction;
  if (i < 0 || i >= n) {
    // Nothing selectable that way: try the other way, else stay.
    i = Math.max(0, Math.min(n - 1, target));
    while (i >= 0 && i < n && !selectable[i]) i -= direction;
    if (i < 0 || i >= n) return { cursor: current.cursor, offset: current.offset };
  }
  return { cursor: i, offset: scrollFor(i, current.offset, height, n) };
}

/** The first visible row that keeps `cursor` in a window of `height` rows. */
export function scrollFor(cursor: number, offset: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let o = offset;
  if (cursor < o) o = cursor;
  if (cursor >= o + h) o = cursor - h + 1;
  return Math.max(0, Math.min(o, Math.max(0, count - h)));
}

/**
 * The entry with its cursor on a selectable row: a fresh screen's cursor
 * (-1) goes to the first one, a cursor past the end of a list that shrank to
 * the nearest one above.
 */
export function settle(entry: NavEntry, rows: ReadonlyArray<{ selectable: boolean }>, bodyHeight: number): NavEntry {
  if (rows.length === 0) return entry;
  if (entry.cursor >= 0 && entry.cursor < rows.length && rows[entry.cursor]?.selectable) return entry;
  const fresh = entry.cursor < 0;
  const place = placeCursor(
    rows.map((r) => r.selectable),
    entry,
    fresh ? 0 : Math.min(entry.cursor, rows.length - 1),
    fresh ? 1 : -1,
    bodyHeight,
  );
  return { ...entry, ...place };
}

import { startTransition, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { whenIdle } from "../ui/when-idle.js";
import type { DisplayRow } from "./group-rows.js";

/** Lines in the first render: about what a 900 px high window shows below the filters (about 800 px); every new form control costs Chromium a check (autofill) before the next task. */
export const FIRST_SLICE = 10;
/** Lines added by each later slice: small, because Chromium checks every new form control (autofill) in the same task. */
export const SLICE = 60;

/** Heights a line takes on a desktop screen, until lines of its kind have been laid out and measured. */
const ESTIMATES: Record<DisplayRow["kind"], number> = { plan: 56, section: 40, task: 44, item: 112 };
const KINDS = Object.keys(ESTIMATES) as Array<DisplayRow["kind"]>;

/**
 * The typical height of each kind of line as this screen lays it out: the median of the lines shown so far
 * (the first screenful is laid out at once). Off-screen lines hold that much room (`--line-<kind>` in
 * styles.css) instead of a desktop guess, so the list is as tall as its lines on any width.
 */
function measuredEstimates(list: HTMLElement): Partial<Record<DisplayRow["kind"], number>> {
  const out: Partial<Record<DisplayRow["kind"], number>> = {};
  for (const kind of KINDS) {
    const heights: number[] = [];
    for (const line of list.querySelectorAll<HTMLElement>(`:scope > .line-${kind}`)) {
      // A line skipped by content-visibility reports the room it holds, not its own height: only laid-out lines
      // count (the contents of a skipped line are what checkVisibility reports as hidden).
      if (line.firstElementChild?.checkVisibility?.({ contentVisibilityAuto: true }) === false) continue;
      const h = line.getBoundingClientRect().height;
      if (h > 0) heights.push(h);
      if (heights.length >= 25) break;
    }
    if (heights.length > 0) out[kind] = heights.sort((a, b) => a - b)[Math.floor(heights.length / 2)];
  }
  return out;
}

/**
 * Renders every grouped line. A long list is added in slices: the first
 * screenful at once, the rest in idle time as non-urgent (interruptible)
 * updates, until every line is in the DOM — so find-in-page and the browser's
 * own search reach every item. Off-screen lines skip layout and paint
 * (`content-visibility: auto` in styles.css). `resetKey` names the list's
 * content (the filters): when it changes, slicing starts over; rows changing
 * under the same key (a saved progress) keep the lines already shown.
 */
export function ChecklistList({ rows, render, resetKey = "" }: { rows: readonly DisplayRow[]; render: (row: DisplayRow) => ReactNode; resetKey?: string }) {
  const shown = useSlicedCount(rows.length, resetKey);
  const pending = rows.slice(shown);
  const list = useRef<HTMLDivElement>(null);
  const [estimates, setEstimates] = useState<Partial<Record<DisplayRow["kind"], number>>>({});
  // Measured as lines are added (each slice; fonts and styles have settled by the later ones) and when the list's
  // content changes (other filters); the state only changes when a measured size does.
  useLayoutEffect(() => {
    if (!list.current || shown === 0) return;
    const measured = measuredEstimates(list.current);
    setEstimates((old) => (KINDS.every((k) => old[k] === measured[k]) ? old : measured));
  }, [resetKey, shown, rows.length]);
  // Once every line is in, each is laid out for one frame in idle time, so the browser remembers its real size
  // (contain-intrinsic-size: auto) and the list is exactly as tall as its lines, however they differ.
  const complete = rows.length > 0 && pending.length === 0;
  useEffect(() => {
    const el = list.current;
    if (!complete || !el) return;
    let frame = 0;
    const cancelIdle = whenIdle(() => {
      el.classList.add("lay-out-all");
      // Two frames: the first renders every line, the second runs after the sizes were recorded.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          el.classList.remove("lay-out-all");
          el.dataset["sized"] = "true";
        });
      });
    });
    return () => {
      cancelIdle();
      cancelAnimationFrame(frame);
      el.classList.remove("lay-out-all");
      delete el.dataset["sized"];
    };
  }, [complete, resetKey]);
  const sizeOf = (kind: DisplayRow["kind"]) => estimates[kind] ?? ESTIMATES[kind];
  const sizes = Object.fromEntries(KINDS.map((kind) => [`--line-${kind}`, `${sizeOf(kind)}px`])) as CSSProperties;
  return (
    <div ref={list} className="checklist" style={sizes} aria-busy={pending.length > 0} data-lines={rows.length} data-shown={Math.min(shown, rows.length)}>
      {rows.slice(0, shown).map((row) => (
        <div key={row.key} className={`line line-${row.kind}`}>
          {render(row)}
        </div>
      ))}
      {/* Holds the room of the lines still to come, so the scrollbar and a restored scroll position are right from the start. */}
      {pending.length > 0 && <div className="lines-pending" aria-hidden="true" style={{ height: pending.reduce((h, row) => h + sizeOf(row.kind), 0) }} />}
    </div>
  );
}

/** How many of `total` lines to render now; grows by SLICE in idle time until all are in. */
function useSlicedCount(total: number, resetKey: string): number {
  const [state, setState] = useState({ resetKey, count: FIRST_SLICE });
  // A new list (other filters) starts again from the first screenful, set during render so no frame shows the old count.
  if (state.resetKey !== resetKey) setState({ resetKey, count: FIRST_SLICE });
  const count = state.resetKey === resetKey ? state.count : FIRST_SLICE;
  useEffect(() => {
    if (count >= total) return;
    return whenIdle(() => startTransition(() => setState((s) => (s.resetKey === resetKey ? { resetKey, count: s.count + SLICE } : s))));
  }, [count, total, resetKey]);
  return count;
}

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { DisplayRow } from "./group-rows.js";

/** Above this many lines the list is virtualised; below it every line is in the DOM (simpler for find-in-page). */
export const VIRTUALIZE_AT = 200;

const ESTIMATES: Record<DisplayRow["kind"], number> = { plan: 56, section: 40, task: 44, item: 112 };

/** Renders the grouped lines, virtualised against the window when there are many. */
export function ChecklistList({ rows, render }: { rows: readonly DisplayRow[]; render: (row: DisplayRow) => ReactNode }) {
  if (rows.length < VIRTUALIZE_AT) {
    return (
      <div className="checklist">
        {rows.map((row) => (
          <div key={row.key} className={`line line-${row.kind}`}>
            {render(row)}
          </div>
        ))}
      </div>
    );
  }
  return <VirtualList rows={rows} render={render} />;
}

function VirtualList({ rows, render }: { rows: readonly DisplayRow[]; render: (row: DisplayRow) => ReactNode }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  // The list starts below the filters (and the bulk bar when shown): keep the virtualiser's idea of where in step.
  useLayoutEffect(() => {
    const top = parentRef.current ? parentRef.current.getBoundingClientRect().top + window.scrollY : 0;
    if (Math.abs(top - offset) >= 1) setOffset(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => ESTIMATES[rows[i]?.kind ?? "item"],
    overscan: 8,
    scrollMargin: offset,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={parentRef} className="checklist virtual" style={{ height: virtualizer.getTotalSize(), position: "relative" }} data-virtual="true">
      {items.map((v) => {
        const row = rows[v.index];
        if (!row) return null;
        return (
          <div
            key={v.key}
            data-index={v.index}
            ref={virtualizer.measureElement}
            className={`line line-${row.kind}`}
            style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)` }}
          >
            {render(row)}
          </div>
        );
      })}
    </div>
  );
}

import { render, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChecklistList, FIRST_SLICE, SLICE } from "./checklist-list.js";
import type { DisplayRow } from "./group-rows.js";

function headings(n: number, prefix = "任务"): DisplayRow[] {
  return Array.from({ length: n }, (_, i) => ({ kind: "task" as const, key: `${prefix}:${i}`, taskId: `p/${i + 1}`, number: i + 1, title: `${prefix} ${i + 1}` }));
}

const show = (r: DisplayRow) => <span className="title">{r.kind === "task" ? r.title : ""}</span>;
const titles = (container: HTMLElement) => [...container.querySelectorAll(".title")].map((e) => e.textContent);

describe("ChecklistList", () => {
  it("renders every line of a short list at once", () => {
    const { container } = render(<ChecklistList rows={headings(FIRST_SLICE)} render={show} />);
    expect(titles(container)).toHaveLength(FIRST_SLICE);
    expect(container.querySelector(".checklist")?.getAttribute("aria-busy")).toBe("false");
    expect(container.querySelector(".lines-pending")).toBeNull();
  });

  it("shows the first screenful of a long list at once, holds room for the rest, then adds every line in order", async () => {
    const total = FIRST_SLICE + 3 * SLICE + 7;
    const { container } = render(<ChecklistList rows={headings(total)} render={show} />);
    expect(titles(container)).toEqual(headings(FIRST_SLICE).map((r) => (r.kind === "task" ? r.title : "")));
    const pending = container.querySelector<HTMLElement>(".lines-pending");
    expect(parseInt(pending?.style.height ?? "", 10)).toBe((total - FIRST_SLICE) * 44);
    expect(container.querySelector(".checklist")?.getAttribute("aria-busy")).toBe("true");
    await waitFor(() => expect(titles(container)).toHaveLength(total), { timeout: 5_000 });
    expect(titles(container)).toEqual(headings(total).map((r) => (r.kind === "task" ? r.title : "")));
    expect(container.querySelector(".lines-pending")).toBeNull();
    expect(container.querySelector(".checklist")?.getAttribute("aria-busy")).toBe("false");
  });

  it("keeps the lines it has when rows change under the same key, and starts over for a new key", async () => {
    const total = FIRST_SLICE + 2 * SLICE;
    const rows = headings(total);
    const { container, rerender } = render(<ChecklistList rows={rows} render={show} resetKey="a" />);
    await waitFor(() => expect(titles(container)).toHaveLength(total), { timeout: 5_000 });
    const first = container.querySelector(".line");
    // A saved progress: new row objects, same lines; nothing is taken away or re-created.
    rerender(<ChecklistList rows={[...rows]} render={show} resetKey="a" />);
    expect(titles(container)).toHaveLength(total);
    expect(container.querySelector(".line")).toBe(first);
    // Other filters: the first screenful at once, the rest again in slices.
    rerender(<ChecklistList rows={headings(total, "其他")} render={show} resetKey="b" />);
    expect(titles(container)).toHaveLength(FIRST_SLICE);
    expect(titles(container)[0]).toBe("其他 1");
    await waitFor(() => expect(titles(container)).toHaveLength(total), { timeout: 5_000 });
  });
});

import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChecklistList, VIRTUALIZE_AT } from "./checklist-list.js";
import type { DisplayRow } from "./group-rows.js";

function headings(n: number): DisplayRow[] {
  return Array.from({ length: n }, (_, i) => ({ kind: "task" as const, key: `task:${i}`, taskId: `p/${i + 1}`, number: i + 1, title: `任务 ${i + 1}` }));
}

describe("ChecklistList", () => {
  // jsdom does no layout: give every line the height a browser would.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.classList.contains("line") ? 44 : 0;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("renders every line of a short list", () => {
    render(<ChecklistList rows={headings(VIRTUALIZE_AT - 1)} render={(r) => <span>{r.kind === "task" ? r.title : ""}</span>} />);
    expect(screen.getAllByText(/^任务 \d+$/)).toHaveLength(VIRTUALIZE_AT - 1);
  });

  it("keeps only a window of a list of thousands in the DOM, sized for all of them", () => {
    const { container } = render(<ChecklistList rows={headings(5000)} render={(r) => <span>{r.kind === "task" ? r.title : ""}</span>} />);
    const shown = screen.getAllByText(/^任务 \d+$/);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(100);
    expect(shown[0]?.textContent).toBe("任务 1");
    const list = container.querySelector("[data-virtual]") as HTMLElement;
    expect(parseInt(list.style.height, 10)).toBeGreaterThan(5000 * 40);
  });
});

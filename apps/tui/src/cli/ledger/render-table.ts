import { displayWidth, singleLine } from "../../ui/text/index.js";

export interface TableColumn {
  header: string;
  align?: "left" | "right";
}

/**
 * A plain table for terminals and scripts: columns padded by display width
 * (汉字 take two cells), separated by two spaces, nothing cut; the last
 * column is not padded, so no line ends in spaces.
 */
export function renderTable(columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>): string {
  const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((_, i) => singleLine(r[i] ?? "")))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ""))));
  const lines = cells.map((r) =>
    r
      .map((cell, i) => {
        const gap = " ".repeat((widths[i] ?? 0) - displayWidth(cell));
        if (columns[i]?.align === "right") return gap + cell;
        return i === r.length - 1 ? cell : cell + gap;
      })
      .join("  ")
      .replace(/ +$/, ""),
  );
  return `${lines.join("\n")}\n`;
}

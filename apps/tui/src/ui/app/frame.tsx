import { Box, Text } from "ink";
import { memo, type ReactNode } from "react";
import type { Segment } from "../screens/screen-types.js";
import { line } from "../screens/table.js";
import { displayWidth, fit, truncate } from "../text/index.js";

/** One line of the body as the view draws it. */
export interface ViewLine {
  key: string;
  segments: Segment[];
  selected: boolean;
}

function SegmentsView({ segments, inverse }: { segments: readonly Segment[]; inverse: boolean }): ReactNode {
  return segments.map((s, i) => (
    <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={inverse}>
      {s.text}
    </Text>
  ));
}

export interface FrameProps {
  width: number;
  title: string;
  /** Shown at the right of the title line: where the data comes from. */
  badge: string;
  /** A mark that is never cut, before the badge: 离线 when the server does not answer. */
  mark: string | null;
  children: ReactNode;
}

/**
 * The frame: a title line fitted to `width` cells, then a page. The badge
 * takes at most a third of the line; the mark is always shown whole.
 */
export function Frame({ width, title, badge, mark, children }: FrameProps): ReactNode {
  const inner = Math.max(1, width - 2);
  const markText = mark ? truncate(`[${mark}]`, inner) : "";
  const badgeText = truncate(badge, Math.max(0, Math.floor(inner / 3) - displayWidth(markText)));
  const right = [markText, badgeText].filter(Boolean).join(" ");
  const titleText = fit(title, Math.max(0, inner - displayWidth(right) - (right ? 1 : 0)));
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text> </Text>
        <Text bold>{titleText}</Text>
        {right ? <Text> </Text> : null}
        {markText ? (
          <Text color="red" bold>
            {markText}
          </Text>
        ) : null}
        {markText && badgeText ? <Text> </Text> : null}
        <Text color="gray">{badgeText}</Text>
      </Text>
      {children}
    </Box>
  );
}

/** The column headings under the title, or a blank line. */
export function HeaderLine({ inner, segments }: { inner: number; segments: readonly Segment[] | null }): ReactNode {
  return (
    <Text>
      <Text> </Text>
      {segments ? <SegmentsView segments={segments} inverse={false} /> : <Text>{fit("", inner)}</Text>}
    </Text>
  );
}

// Moving the cursor changes two lines: the others are not drawn again.
const BodyLine = memo(function BodyLine({ segments, selected }: { segments: readonly Segment[]; selected: boolean }): ReactNode {
  return (
    <Text>
      <Text color="cyan">{selected ? ">" : " "}</Text>
      <SegmentsView segments={segments} inverse={selected} />
    </Text>
  );
});

/** Exactly `height` body lines: a ">" marks the cursor, for terminals and captures without colour. */
export function BodyLines({ lines, height }: { lines: readonly ViewLine[]; height: number }): ReactNode {
  const shown = lines.slice(0, height);
  const filler = Array.from({ length: Math.max(0, height - shown.length) }, (_, i) => i);
  return (
    <>
      {shown.map((l) => (
        <BodyLine key={l.key} segments={l.segments} selected={l.selected} />
      ))}
      {filler.map((i) => (
        <Text key={`filler-${i}`}> </Text>
      ))}
    </>
  );
}

/** The last line: hints, a message, or a prompt. */
export function FooterLine({ segments }: { segments: readonly Segment[] }): ReactNode {
  return (
    <Text>
      <Text> </Text>
      <SegmentsView segments={segments} inverse={false} />
    </Text>
  );
}

export interface PageProps {
  /** The width inside the frame's margins. */
  inner: number;
  /** The column headings, or null for a blank line. */
  header: readonly Segment[] | null;
  lines: readonly ViewLine[];
  /** Exactly this many body lines are drawn. */
  height: number;
  footer: readonly Segment[];
}

/** A page under the title: headings, body and footer, every line already fitted to the width, so nothing wraps. */
export function Page({ inner, header, lines, height, footer }: PageProps): ReactNode {
  return (
    <>
      <HeaderLine inner={inner} segments={header} />
      <BodyLines lines={lines} height={height} />
      <FooterLine segments={footer} />
    </>
  );
}

/** A body line that cannot be selected. */
export const plainLine = (key: string, segments: Segment[], selected = false): ViewLine => ({ key, segments, selected });

/** The lines of `rows` visible from `offset`, the cursor's one marked. */
export function visibleLines(rows: ReadonlyArray<{ key: string; segments: Segment[] }>, offset: number, height: number, cursor: number): ViewLine[] {
  return rows.slice(offset, offset + height).map((r, i) => ({ key: r.key, segments: r.segments, selected: offset + i === cursor }));
}

/** A footer line of one style. */
export const footerLine = (text: string, inner: number, style: Omit<Segment, "text">): Segment[] => line(text, inner, style);

/** The footer of hints with a position ("1/48") at the right end: the hints are cut, the position never. */
export function hintFooter(hints: string, position: string, inner: number): Segment[] {
  return [
    { text: fit(hints, Math.max(0, inner - displayWidth(position))), dim: true },
    { text: position, dim: true },
  ];
}

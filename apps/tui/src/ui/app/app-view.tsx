import { Box, Text } from "ink";
import type { ReactNode } from "react";
import type { Segment } from "../screens/screen-types.js";
import { displayWidth, fit, truncate } from "../text/index.js";

/** One line of the screen as the view draws it. */
export interface ViewLine {
  key: string;
  segments: Segment[];
  selected: boolean;
}

export interface AppViewProps {
  width: number;
  title: string;
  /** Shown at the right of the title line: where the data comes from. */
  badge: string;
  header: Segment[] | null;
  body: ViewLine[];
  bodyHeight: number;
  footer: Segment[];
}

function SegmentsView({ segments, inverse }: { segments: Segment[]; inverse: boolean }): ReactNode {
  return segments.map((s, i) => (
    <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={inverse}>
      {s.text}
    </Text>
  ));
}

/**
 * The frame: a title line, the column headings, exactly `bodyHeight` body
 * lines (a ">" marks the cursor, for terminals and captures without colour),
 * and a footer. Every line is fitted to `width` cells, so nothing wraps.
 */
export function AppView({ width, title, badge, header, body, bodyHeight, footer }: AppViewProps): ReactNode {
  const inner = Math.max(1, width - 2);
  const badgeText = truncate(badge, Math.floor(inner / 3));
  const titleText = fit(title, Math.max(0, inner - displayWidth(badgeText) - 1));
  const lines = body.slice(0, bodyHeight);
  const filler = Array.from({ length: Math.max(0, bodyHeight - lines.length) }, (_, i) => i);
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text> </Text>
        <Text bold>{titleText}</Text>
        <Text> </Text>
        <Text color="gray">{badgeText}</Text>
      </Text>
      <Text>
        <Text> </Text>
        {header ? <SegmentsView segments={header} inverse={false} /> : <Text>{fit("", inner)}</Text>}
      </Text>
      {lines.map((l) => (
        <Text key={l.key}>
          <Text color="cyan">{l.selected ? ">" : " "}</Text>
          <SegmentsView segments={l.segments} inverse={l.selected} />
        </Text>
      ))}
      {filler.map((i) => (
        <Text key={`filler-${i}`}> </Text>
      ))}
      <Text>
        <Text> </Text>
        <SegmentsView segments={footer} inverse={false} />
      </Text>
    </Box>
  );
}

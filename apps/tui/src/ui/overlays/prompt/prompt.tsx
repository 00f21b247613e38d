import type { ReactNode } from "react";
import { Text } from "ink";
import { line } from "../../screens/table.js";
import { promptText } from "../../text/index.js";
import { usePromptState } from "./use-prompt-state.js";
import { usePrompt } from "./use-prompt.js";

export interface PromptProps {
  isActive: boolean;
  /** What is asked, e.g. "进展说明 · chengdu-2015/3#m1 · 市政府法制办". */
  title: string;
  /** The value being changed, so that a change is an edit. */
  initial: string;
  /** The width inside the frame's margins. */
  inner: number;
  /** An error message keeps the prompt open (shown until the next key); null closes it. */
  onSubmit(value: string): string | null;
  onCancel(): void;
}

/**
 * A one-line prompt in the footer: `title: value▏`, the end of what is typed
 * always in sight (the title is cut first). A refused value turns the line
 * red with the reason until the next key.
 */
export function Prompt({ isActive, title, initial, inner, onSubmit, onCancel }: PromptProps): ReactNode {
  const state = usePromptState(initial);
  usePrompt({ isActive, state, onSubmit, onCancel });
  const segments = state.error ? line(state.error, inner, { color: "red" }) : line(promptText(title, state.value, inner), inner, { color: "cyan" });
  return (
    <Text>
      <Text> </Text>
      {segments.map((s, i) => (
        <Text key={i} color={s.color}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

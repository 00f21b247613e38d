import { normalizeForSearch } from "@taizhang/core";

/**
 * The folded text the free-text task filter matches: title and text through
 * core's search normalisation (traditional → simplified, full-width →
 * half-width, ASCII case), so 審批 finds 审批 and ＡＢＣ finds abc.
 */
export function taskSearchText(task: { title: string; text: string }): string {
  return normalizeForSearch(`${task.title}\n${task.text}`);
}

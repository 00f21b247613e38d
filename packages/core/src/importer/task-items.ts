/**
 * Which numbered items are tasks, and the numbers users see: the document's
 * own ("a task the document calls 3 is task 3").
 */

const NON_TASK_WORD = "(?:(?:总体|主要|工作|基本|发展|指导|总|实施|预期)?(?:要求|目标|原则|思想|思路|目标任务|任务目标|定位|愿景))";
const NON_TASK_TITLE = new RegExp(`^${NON_TASK_WORD}(?:(?:和|与|及|以及|、)${NON_TASK_WORD})*$`, "u");

/**
 * An item numbered like a task that is not one: "(一)总体要求", "1.指导思想",
 * "2.目标任务", "(二)基本原则和工作目标" — the plan's framing, not work to do.
 */
export function isNonTaskItem(title: string): boolean {
  return NON_TASK_TITLE.test(title.replace(/[\s。:]/gu, ""));
}

/** What numbering the task numbers come from. */
export interface NumberedItem {
  printedNumber: number;
  numbering: "number" | "paren";
}

/**
 * The task numbers users see: the document's own where its tasks number in
 * one increasing sequence (a jump over items that are not tasks is kept), and
 * the next free number where they do not — a numbering that restarts, or the
 * (一)(二) guarantee measures after tasks numbered 1. 2. …. Always strictly
 * increasing from 1, so task ids (`<planId>/<number>`) stay unique.
 */
export function taskNumbers(items: readonly NumberedItem[]): number[] {
  const primary = items[0]?.numbering;
  let next = 1;
  return items.map((item) => {
    const number = item.numbering === primary && item.printedNumber >= next ? item.printedNumber : next;
    next = number + 1;
    return number;
  });
}

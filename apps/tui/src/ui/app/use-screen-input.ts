import type { TaskQuery } from "../../data/data-source.js";
import { matchAction, SCREEN_KEYS } from "../input/keymap.js";
import type { KeyOutcome } from "../input/key-queue.js";
import { useKeys } from "../input/key-queue-provider.js";
import type { Row, ScreenContent } from "../screens/screen-types.js";
import type { AppAction } from "./app-state.js";
import { placeCursor, type NavEntry } from "./navigation.js";
import type { ProgressField } from "./progress-fields.js";

export interface ScreenInputProps {
  /** Off while an overlay is open, a write is under way, or the screen has nothing yet to act on: keys wait. */
  isActive: boolean;
  /** The top of the stack as the keys so far left it, its cursor settled on a selectable row. */
  place(): NavEntry;
  rows: readonly Row[];
  content: ScreenContent | null;
  bodyHeight: number;
  dispatch(action: AppAction): void;
  /** `s`, `%`, `n`, `p`: change a field of the line under the cursor (or of my unit's line). */
  edit(field: ProgressField, selected: Row | undefined): void;
  /** `2`: 我的清单, or the unit picker when no unit is known yet. */
  myChecklist(): void;
  quit(): void;
}

/** A screen's keys (SCREEN_KEYS): moving, opening, going back, and the commands that open an overlay. */
export function useScreenInput({ isActive, place, rows, content, bodyHeight, dispatch, edit, myChecklist, quit }: ScreenInputProps): void {
  useKeys(
    (input, key): KeyOutcome => {
      const current = place();
      const cursor = current.cursor;
      const selected = cursor >= 0 ? rows[cursor] : undefined;
      // Moving changes only the cursor: the next key may follow at once.
      const move = (target: number, direction: 1 | -1): KeyOutcome => {
        dispatch({ type: "place", place: placeCursor(rows.map((r) => r.selectable), current, target, direction, bodyHeight) });
        return "continue";
      };
      const action = matchAction(SCREEN_KEYS, input, key);
      switch (action) {
        case "up":
          return move(cursor - 1, -1);
        case "down":
          return move(cursor + 1, 1);
        case "top":
          return move(0, 1);
        case "bottom":
          return move(rows.length - 1, -1);
        case "pageUp":
          return move(cursor - bodyHeight, -1);
        case "pageDown":
          return move(cursor + bodyHeight, 1);
        case "open":
          if (!selected?.open) return "continue";
          dispatch({ type: "push", ref: selected.open });
          return "wait";
        case "back":
          dispatch({ type: "back" });
          return "wait";
        case "search":
          dispatch({ type: "overlay", overlay: { kind: "search", planId: content?.planId ?? null } });
          return "wait";
        case "filter": {
          const draft: TaskQuery = content?.query ? { ...content.query } : content?.planId ? { planId: content.planId } : {};
          dispatch({ type: "overlay", overlay: { kind: "filter", draft } });
          return "wait";
        }
        case "status":
          edit("status", selected);
          return "wait";
        case "percent":
          edit("percent", selected);
          return "wait";
        case "note":
          edit("note", selected);
          return "wait";
        case "person":
          edit("responsiblePerson", selected);
          return "wait";
        case "plans":
          dispatch({ type: "root", ref: { kind: "plans" } });
          return "wait";
        case "checklist":
          myChecklist();
          return "wait";
        case "deadlines":
          dispatch({ type: "root", ref: { kind: "deadlines" } });
          return "wait";
        case "unit":
          dispatch({ type: "overlay", overlay: { kind: "unit", open: true } });
          return "wait";
        case "reload":
          dispatch({ type: "reload" });
          return "wait";
        case "help":
          dispatch({ type: "overlay", overlay: { kind: "help" } });
          return "wait";
        case "quit":
          quit();
          return "wait";
        case null:
          return "continue";
      }
    },
    { isActive },
  );
}

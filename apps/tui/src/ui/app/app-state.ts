import type { ScreenRef } from "../screens/screen-types.js";
import { entry, pop, push, replaceTop, updateTop, type NavEntry, type NavStack } from "./navigation.js";
import type { Overlay } from "./overlay.js";

export interface Message {
  tone: "info" | "ok" | "error";
  text: string;
}

export interface AppState {
  stack: NavStack;
  overlay: Overlay | null;
  message: Message | null;
  /** Bumped to make the current screen load again (after a write, or `r`): keys wait for it. */
  reload: number;
  /** Bumped to try a screen that could not be had again (the server was offline): keys do not wait for it. */
  retry: number;
}

export type AppAction =
  | { type: "push"; ref: ScreenRef }
  | { type: "back" }
  | { type: "root"; ref: ScreenRef }
  | { type: "replace"; ref: ScreenRef }
  | { type: "place"; place: Pick<NavEntry, "cursor" | "offset"> }
  | { type: "overlay"; overlay: Overlay | null }
  | { type: "message"; message: Message | null }
  | { type: "reload" }
  | { type: "retry" };

export function initialState(root: ScreenRef): AppState {
  return { stack: [entry(root)], overlay: null, message: null, reload: 0, retry: 0 };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case "push":
      return { ...state, stack: push(state.stack, action.ref), message: null };
    case "back":
      return { ...state, stack: pop(state.stack), message: null };
    case "root":
      return { ...state, stack: [entry(action.ref)], overlay: null, message: null };
    case "replace":
      return { ...state, stack: replaceTop(state.stack, action.ref) };
    case "place":
      return { ...state, stack: updateTop(state.stack, action.place) };
    case "overlay":
      return { ...state, overlay: action.overlay };
    case "message":
      return { ...state, message: action.message };
    case "reload":
      return { ...state, reload: state.reload + 1 };
    case "retry":
      return { ...state, retry: state.retry + 1 };
  }
}

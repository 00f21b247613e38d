import { render } from "ink-testing-library";
import { vi } from "vitest";
import type { DataSource } from "../data/data-source.js";
import { App, type AppProps } from "../ui/app/app.js";

/** Keys as a terminal sends them. */
export const KEYS = {
  up: "\u001B[A",
  down: "\u001B[B",
  left: "\u001B[D",
  right: "\u001B[C",
  enter: "\r",
  escape: "\u001B",
  pageUp: "\u001B[5~",
  pageDown: "\u001B[6~",
  backspace: "\u007F",
} as const;

type Props = Partial<AppProps> & { ds: DataSource };

export interface RenderedApp {
  stdin: ReturnType<typeof render>["stdin"];
  frames: string[];
  frame(): string;
  until(check: (frame: string) => void): Promise<void>;
  press(...keys: string[]): Promise<void>;
  resize(columns: number, rows: number): void;
  unmount(): void;
}

/**
 * Renders the app in ink-testing-library with a terminal of the given size
 * (its fake stdout is resized the way a real one is: new columns/rows, then
 * a 'resize' event).
 */
export function renderApp(props: Props, size: { columns: number; rows: number } = { columns: 100, rows: 24 }): RenderedApp {
  const instance = render(<App asOf={props.asOf ?? new Date("2016-11-01T04:00:00Z")} lang={props.lang ?? "zh"} unit={props.unit ?? null} {...props} />);
  const resize = (columns: number, rows: number): void => {
    Object.defineProperty(instance.stdout, "columns", { configurable: true, get: () => columns });
    Object.defineProperty(instance.stdout, "rows", { configurable: true, get: () => rows });
    instance.stdout.emit("resize");
  };
  resize(size.columns, size.rows);
  const frame = (): string => instance.lastFrame() ?? "";
  /** Waits until the frame satisfies `check` (an expectation that throws until then). */
  const until = async (check: (frame: string) => void): Promise<void> => {
    await vi.waitFor(() => check(frame()), { timeout: 3000, interval: 10 });
  };
  /** Sends keys one at a time, letting Ink handle each (a lone Esc is only read on the next tick). */
  const press = async (...keys: string[]): Promise<void> => {
    for (const key of keys) {
      instance.stdin.write(key);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  };
  return { stdin: instance.stdin, frames: instance.frames, frame, until, press, resize, unmount: instance.unmount };
}

/** The line of the frame the cursor (">") is on. */
export function selectedLine(frame: string): string | undefined {
  return frame.split("\n").find((l) => l.startsWith(">"));
}

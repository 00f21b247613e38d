import type { Command } from "../command.js";
import { runUi, UI_HELP } from "../../ui/run-ui.js";

export const uiCommand: Command = {
  name: "ui",
  summary: "the interactive terminal UI (also: taizhang with no command, on a terminal)",
  help: UI_HELP,
  run: (args, io) => runUi(args, io),
};

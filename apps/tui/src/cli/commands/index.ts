import type { Command } from "../command.js";
import { importCommand } from "./import.js";
import { backupCommand } from "./backup.js";
import { checklistCommand } from "./checklist.js";
import { counterpartsCommand } from "./counterparts.js";
import { exportCommand } from "./export.js";
import { importProgressCommand } from "./import-progress.js";
import { overdueCommand } from "./overdue.js";
import { plansCommand } from "./plans.js";
import { restoreCommand } from "./restore.js";
import { searchCommand } from "./search.js";
import { setCommand } from "./set.js";
import { taskCommand } from "./task.js";
import { themesCommand } from "./themes.js";
import { tasksCommand } from "./tasks.js";
import { tokenCommand } from "./token.js";
import { uiCommand } from "./ui.js";
import { validateCommand } from "./validate.js";

/** Every subcommand of `taizhang`. To add one, write commands/<name>.ts and list it here. */
export const commands: readonly Command[] = [importCommand, plansCommand, tasksCommand, taskCommand, checklistCommand, overdueCommand, searchCommand, themesCommand, counterpartsCommand, exportCommand, importProgressCommand, setCommand, tokenCommand, validateCommand, backupCommand, restoreCommand, uiCommand];

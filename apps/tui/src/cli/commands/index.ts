import type { CommandEntry } from "../command.js";

/**
 * Every subcommand of `taizhang`, loaded only when it runs: `taizhang --help`
 * imports none of them. To add one, write commands/<name>.ts and list it here
 * with the summary it gives (a test holds the two equal).
 */
export const commands: readonly CommandEntry[] = [
  { name: "import", summary: "read a plan text and print its summary or its JSON", load: async () => (await import("./import.js")).importCommand },
  { name: "plans", summary: "list the plans with progress roll-ups", load: async () => (await import("./plans.js")).plansCommand },
  { name: "tasks", summary: "list tasks, filtered by plan, unit, status, overdue or text", load: async () => (await import("./tasks.js")).tasksCommand },
  { name: "task", summary: "show one task with its progress and history", load: async () => (await import("./task.js")).taskCommand },
  { name: "checklist", summary: "one unit's checklist (我的清单) across all plans", load: async () => (await import("./checklist.js")).checklistCommand },
  { name: "overdue", summary: "overdue and due-soon items as of a date", load: async () => (await import("./overdue.js")).overdueCommand },
  { name: "search", summary: "search tasks (Chinese, traditional, pinyin, unit aliases) with snippets", load: async () => (await import("./search.js")).searchCommand },
  { name: "themes", summary: "themes × plans: task counts and completion", load: async () => (await import("./themes.js")).themesCommand },
  { name: "counterparts", summary: "a task's counterparts in the other plans", load: async () => (await import("./counterparts.js")).counterpartsCommand },
  { name: "export", summary: "write a plan's ledger or a unit's checklist as .xlsx, CSV or JSON", load: async () => (await import("./export.js")).exportCommand },
  {
    name: "import-progress",
    summary: "preview (or --apply) the progress in an edited ledger .xlsx/CSV",
    load: async () => (await import("./import-progress.js")).importProgressCommand,
  },
  { name: "set", summary: "record progress on an item for a unit (status, note, percent)", load: async () => (await import("./set.js")).setCommand },
  { name: "token", summary: "create, list and revoke access tokens (admin, office, viewer)", load: async () => (await import("./token.js")).tokenCommand },
  { name: "validate", summary: "check a plan or model JSON file against the schema, with JSON paths", load: async () => (await import("./validate.js")).validateCommand },
  {
    name: "backup",
    summary: "write everything in the store (plans, progress, history, tokens hashed) to one backup file",
    load: async () => (await import("./backup.js")).backupCommand,
  },
  {
    name: "restore",
    summary: "restore a backup file into an empty store (--force replaces a store's contents)",
    load: async () => (await import("./restore.js")).restoreCommand,
  },
  { name: "ui", summary: "the interactive terminal UI (also: taizhang with no command, on a terminal)", load: async () => (await import("./ui.js")).uiCommand },
];

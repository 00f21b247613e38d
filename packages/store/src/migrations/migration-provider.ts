import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../store-dialect.js";
import { initialMigration } from "./0001-initial.js";
import { taskSearchTextMigration } from "./0002-task-search-text.js";
import { taskThemesMigration } from "./0003-task-themes.js";
import { responsiblePersonMigration } from "./0004-responsible-person.js";
import { plansUpdatedAtMigration } from "./0005-plans-updated-at.js";
import { assignmentHistoryMigration } from "./0008-assignment-history.js";
import { textRepairMigration } from "./0009-text-repair.js";
import { sessionsMigration } from "./0010-sessions.js";
import { evidenceFilesMigration } from "./0011-evidence-files.js";

/**
 * The migrations, in code (no file-system scan, so a bundled or compiled
 * store migrates the same way). Names sort in the order they run.
 */
export class StoreMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      "0001-initial": initialMigration(this.dialect),
      "0002-task-search-text": taskSearchTextMigration,
      "0003-task-themes": taskThemesMigration,
      "0004-responsible-person": responsiblePersonMigration,
      "0005-plans-updated-at": plansUpdatedAtMigration,
      "0008-assignment-history": assignmentHistoryMigration(this.dialect),
      "0009-text-repair": textRepairMigration(this.dialect),
      "0010-sessions": sessionsMigration,
      "0011-evidence-files": evidenceFilesMigration(this.dialect),
    });
  }
}

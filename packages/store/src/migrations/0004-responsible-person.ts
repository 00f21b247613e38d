import type { Kysely, Migration } from "kysely";

/**
 * Adds `progress.responsible_person_json` (and `responsible_person_name`, indexed): the 责任人 (name, post, contact) an
 * office or an admin names for one (item, unit), as JSON; null when none is
 * named. Existing rows have none. History rows keep their JSON as written;
 * entries from before this migration read as naming no one.
 */
export const responsiblePersonMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("progress").addColumn("responsible_person_json", "text").execute();
    // The name alone, for "the items I am responsible for" (an index, not a scan of the JSON).
    await db.schema.alterTable("progress").addColumn("responsible_person_name", "text").execute();
    await db.schema.createIndex("progress_responsible_person").on("progress").columns(["responsible_person_name", "item_id"]).execute();
  },
};

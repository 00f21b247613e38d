import { sql, type Kysely, type Migration } from "kysely";
import type { StoreDialect } from "../store-dialect.js";

/**
 * The first schema. Portable by construction: only the schema builder and
 * types both SQLite and PostgreSQL accept (text, integer, double precision;
 * booleans as 0/1, JSON and timestamps as text). The one dialect branch is
 * the history id, which needs each engine's own auto-numbering.
 */
export function initialMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("plans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("issuer", "text")
        .addColumn("document_number", "text")
        .addColumn("jurisdiction", "text", (c) => c.notNull())
        .addColumn("jurisdiction_level", "text", (c) => c.notNull())
        .addColumn("jurisdiction_parent", "text")
        .addColumn("start_year", "integer", (c) => c.notNull())
        .addColumn("end_year", "integer", (c) => c.notNull())
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("importer_version", "text", (c) => c.notNull())
        .addColumn("schema_version", "integer", (c) => c.notNull())
        .addColumn("counts_json", "text", (c) => c.notNull())
        .addColumn("loaded_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        // Large text columns go last: SQLite reads a row's columns in order, and
        // reaching a column stored after a long one means walking its overflow pages.
        .addColumn("plan_json", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("plans_jurisdiction").on("plans").columns(["jurisdiction", "id"]).execute();

      await db.schema
        .createTable("parts")
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("ordinal", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("parts_pk", ["plan_id", "number"])
        .execute();

      await db.schema
        .createTable("sections")
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("part_number", "integer", (c) => c.notNull())
        .addColumn("ordinal", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("sections_pk", ["plan_id", "number"])
        .execute();

      await db.schema
        .createTable("units")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("jurisdiction", "text", (c) => c.notNull())
        .addColumn("collective", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("units_name").on("units").columns(["name"]).execute();
      await db.schema.createIndex("units_jurisdiction").on("units").columns(["jurisdiction", "name"]).execute();

      await db.schema
        .createTable("unit_aliases")
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("alias", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("unit_aliases_pk", ["unit_id", "alias"])
        .execute();
      await db.schema.createIndex("unit_aliases_alias").on("unit_aliases").columns(["alias"]).execute();

      await db.schema
        .createTable("plan_units")
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("plan_units_pk", ["plan_id", "unit_id"])
        .execute();
      await db.schema.createIndex("plan_units_unit").on("plan_units").columns(["unit_id"]).execute();

      await db.schema
        .createTable("tasks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("ordinal", "text", (c) => c.notNull())
        .addColumn("part_number", "integer", (c) => c.notNull())
        .addColumn("section_number", "integer")
        .addColumn("guarantee", "integer", (c) => c.notNull())
        .addColumn("first_due", "text", (c) => c.notNull())
        .addColumn("orphaned", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("citations_json", "text", (c) => c.notNull())
        .addColumn("themes_json", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("original_text", "text")
        .execute();
      await db.schema.createIndex("tasks_plan_number").on("tasks").columns(["plan_id", "number"]).unique().execute();
      // Live tasks in each list order: the unfiltered list, its count and its cursor come from the index alone.
      // Partial, not led by `orphaned`: without statistics SQLite takes an equality on an index's first
      // column to match ~10 rows, and would then scan all live tasks instead of using a selective filter.
      await db.schema.createIndex("tasks_live").on("tasks").columns(["plan_id", "number"]).where(sql.ref("orphaned"), "=", 0).execute();
      await db.schema.createIndex("tasks_due").on("tasks").columns(["first_due", "plan_id", "number"]).where(sql.ref("orphaned"), "=", 0).execute();
      await db.schema.createIndex("tasks_part").on("tasks").columns(["plan_id", "part_number", "number"]).execute();
      await db.schema.createIndex("tasks_section").on("tasks").columns(["plan_id", "section_number", "number"]).execute();

      await db.schema
        .createTable("task_units")
        .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("task_units_pk", ["task_id", "unit_id", "role"])
        .execute();
      await db.schema.createIndex("task_units_unit").on("task_units").columns(["unit_id", "role", "task_id"]).execute();

      await db.schema
        .createTable("milestones")
        .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("phrase", "text", (c) => c.notNull())
        .addColumn("clause", "text", (c) => c.notNull())
        .addColumn("due", "text", (c) => c.notNull())
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("year_inferred", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("milestones_pk", ["task_id", "idx"])
        .execute();
      await db.schema.createIndex("milestones_due").on("milestones").columns(["due"]).execute();

      await db.schema
        .createTable("targets")
        .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("metric", "text", (c) => c.notNull())
        .addColumn("comparator", "text", (c) => c.notNull())
        .addColumn("value", "double precision", (c) => c.notNull())
        .addColumn("unit", "text", (c) => c.notNull())
        .addColumn("per", "text")
        .addColumn("phrase", "text", (c) => c.notNull())
        .addColumn("clause", "text", (c) => c.notNull())
        .addColumn("due", "text")
        .addPrimaryKeyConstraint("targets_pk", ["task_id", "idx"])
        .execute();

      await db.schema
        .createTable("checklist_items")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("milestone_index", "integer")
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("due", "text", (c) => c.notNull())
        .addColumn("target_indexes_json", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("orphaned", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("checklist_items_task").on("checklist_items").columns(["task_id", "position"]).execute();
      await db.schema.createIndex("checklist_items_plan").on("checklist_items").columns(["plan_id", "position"]).execute();
      await db.schema.createIndex("checklist_items_due").on("checklist_items").columns(["due"]).execute();

      await db.schema
        .createTable("progress")
        .addColumn("item_id", "text", (c) => c.notNull().references("checklist_items.id"))
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("percent", "integer", (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("evidence_json", "text", (c) => c.notNull())
        .addColumn("measured_value_json", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_by", "text")
        .addColumn("updated_at", "text")
        .addColumn("orphaned", "integer", (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint("progress_pk", ["item_id", "unit_id"])
        .execute();
      await db.schema.createIndex("progress_unit").on("progress").columns(["unit_id", "status"]).execute();
      await db.schema.createIndex("progress_status").on("progress").columns(["status", "item_id"]).execute();

      await db.schema
        .createTable("history")
        .addColumn("id", "integer", (c) =>
          dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id"))
        .addColumn("item_id", "text", (c) => c.notNull().references("checklist_items.id"))
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("before_json", "text", (c) => c.notNull())
        .addColumn("after_json", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("history_item").on("history").columns(["item_id", "unit_id", "id"]).execute();
      await db.schema.createIndex("history_unit").on("history").columns(["unit_id", "id"]).execute();
      await db.schema.createIndex("history_plan").on("history").columns(["plan_id", "id"]).execute();
      await db.schema.createIndex("history_at").on("history").columns(["at"]).execute();

      await db.schema
        .createTable("tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("unit_id", "text", (c) => c.references("units.id"))
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema.createIndex("tokens_secret_hash").on("tokens").columns(["secret_hash"]).unique().execute();
    },
  };
}

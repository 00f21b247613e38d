import { z } from "zod";
import { UnitIdSchema } from "./ids.js";

/** An office (单位) that leads or carries out tasks. */
export const UnitSchema = z
  .object({
    id: UnitIdSchema,
    name: z.string().min(1).describe("单位名称 canonical name, e.g. 市委编办"),
    aliases: z
      .array(z.string().min(1))
      .describe("别称 other names the same office goes by, e.g. 市审改办 for 市委编办(市审改办)"),
    jurisdiction: z.string().min(1).describe("所属行政区 the jurisdiction the office belongs to, e.g. 成都市"),
    collective: z
      .boolean()
      .describe("是否为集合 true for a collective such as 市政府各部门 or 各区(市)县政府 rather than one office"),
  })
  .describe("单位 an office");
export type Unit = z.infer<typeof UnitSchema>;

export const UnitRoleSchema = z
  .enum(["lead", "responsible"])
  .describe("职责 role of a unit on a task: lead 牵头单位 or responsible 责任单位");
export type UnitRole = z.infer<typeof UnitRoleSchema>;

import { z } from "zod";
import { ChecklistItemIdSchema, IsoDateSchema, UnitIdSchema } from "./ids.js";

export const PROGRESS_STATUSES = ["not_started", "in_progress", "done", "blocked", "not_applicable"] as const;
export const ProgressStatusSchema = z
  .enum(PROGRESS_STATUSES)
  .describe("状态 not_started 未开始, in_progress 进行中, done 已完成, blocked 受阻, not_applicable 不适用");
export type ProgressStatus = z.infer<typeof ProgressStatusSchema>;

/** Chinese labels of the statuses, as offices know them. */
export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, { zh: string; en: string }> = {
  not_started: { zh: "未开始", en: "Not started" },
  in_progress: { zh: "进行中", en: "In progress" },
  done: { zh: "已完成", en: "Done" },
  blocked: { zh: "受阻", en: "Blocked" },
  not_applicable: { zh: "不适用", en: "Not applicable" },
};

/** The file types evidence may be (read from the file's first bytes, never from its name alone). */
export const EVIDENCE_MEDIA_TYPES = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/webp",
  "application/ofd",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
] as const;
export const EvidenceMediaTypeSchema = z.enum(EVIDENCE_MEDIA_TYPES).describe("文件类型 PDF, JPEG, PNG, WebP, OFD, .docx or .xlsx");
export type EvidenceMediaType = z.infer<typeof EvidenceMediaTypeSchema>;

export const EvidenceFileSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 is 64 lower-case hex digits").describe("内容摘要 sha256 of the file's bytes: where it is stored"),
    name: z.string().trim().min(1).max(200).describe("文件名 the file's name as uploaded"),
    mediaType: EvidenceMediaTypeSchema,
    size: z.number().int().min(1).describe("大小 bytes"),
  })
  .strict()
  .describe("佐证文件 an uploaded file (scan, photo, PDF) held by the store");
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const EvidenceSchema = z
  .object({
    description: z.string().trim().min(1).max(500).describe("说明 what the evidence is"),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().describe("链接 where it can be seen; null when none"),
    file: EvidenceFileSchema.optional().describe("佐证文件 the uploaded file, when the evidence is one (absent for a link or a description only)"),
  })
  .strict()
  .describe("佐证材料 evidence");
export type Evidence = z.infer<typeof EvidenceSchema>;

export const MeasuredValueSchema = z
  .object({
    value: z.number().finite().describe("实测值 the measured number, e.g. 93"),
    unit: z.string().max(20).describe("单位 e.g. %"),
    asOf: IsoDateSchema.nullable().describe("统计时点 when it was measured (YYYY-MM-DD, a real calendar date); null when not stated"),
  })
  .strict()
  .describe("实测值 measured value of a target");
export type MeasuredValue = z.infer<typeof MeasuredValueSchema>;

export const ResponsiblePersonSchema = z
  .object({
    name: z.string().trim().min(1).max(50).describe("姓名 the person's name"),
    post: z.string().trim().max(50).nullable().describe("职务 post or title, e.g. 科长; null when not given"),
    contact: z.string().trim().max(100).nullable().describe("联系方式 telephone or e-mail; null when not given"),
  })
  .strict()
  .describe("责任人 the person answerable for one (item, unit), as the task ledger names them (责任单位、责任人和完成时限)");
export type ResponsiblePerson = z.infer<typeof ResponsiblePersonSchema>;

/** The longest 进展说明 (progress note) a row keeps, in UTF-16 code units (a form's `maxLength`). */
export const NOTE_MAX_LENGTH = 4000;

/** The fields an office can change on one (item, unit). */
export const ProgressFieldsSchema = z.object({
  status: ProgressStatusSchema,
  percent: z.number().int().min(0).max(100).describe("完成百分比 0..100"),
  note: z.string().max(NOTE_MAX_LENGTH).describe("进展说明 progress note"),
  evidence: z.array(EvidenceSchema).max(50).describe("佐证材料 evidence"),
  measuredValue: MeasuredValueSchema.nullable().describe("实测值 for items that measure a target"),
  responsiblePerson: ResponsiblePersonSchema.nullable().describe("责任人 who answers for this item in this unit; null when none is named"),
});
export type ProgressFields = z.infer<typeof ProgressFieldsSchema>;

/** A change request: any subset of the fields. */
export const ProgressPatchSchema = ProgressFieldsSchema.partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "a progress change must set at least one field");
export type ProgressPatch = z.infer<typeof ProgressPatchSchema>;

export const ProgressSchema = ProgressFieldsSchema.extend({
  itemId: ChecklistItemIdSchema,
  unitId: UnitIdSchema,
  version: z.number().int().min(0).describe("版本 increases by one with every accepted change; 0 when never changed"),
  updatedBy: z.string().nullable().describe("更新人 who made the last change; null when never changed"),
  updatedAt: z.string().nullable().describe("更新时间 ISO timestamp of the last change; null when never changed"),
}).describe("进展 progress of one checklist item for one unit");
export type Progress = z.infer<typeof ProgressSchema>;

export const EMPTY_PROGRESS: ProgressFields = {
  status: "not_started",
  percent: 0,
  note: "",
  evidence: [],
  measuredValue: null,
  responsiblePerson: null,
};

export const HistoryEntrySchema = z
  .object({
    id: z.number().int().min(1).describe("序号 history row id"),
    itemId: ChecklistItemIdSchema,
    unitId: UnitIdSchema,
    version: z.number().int().min(1).describe("版本 the version this change produced"),
    actor: z.string().describe("操作人 who made the change (token name or unit)"),
    source: z.enum(["api", "web", "tui", "cli", "import", "restore"]).describe("来源 where the change came from"),
    at: z.string().describe("时间 ISO timestamp"),
    before: ProgressFieldsSchema.describe("变更前 the fields before"),
    after: ProgressFieldsSchema.describe("变更后 the fields after"),
    note: z.string().nullable().describe("备注 a note on the change itself"),
  })
  .describe("变更记录 history entry");
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

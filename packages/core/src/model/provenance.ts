import { z } from "zod";

export const SCRIPTS = ["simplified", "traditional", "mixed"] as const;
export const SOURCE_FORMATS = ["plain", "pdf-extract", "web-page", "web-scrape", "news-reprint", "docx", "xlsx", "pdf", "html"] as const;

export const WARNING_CODES = [
  "empty-input",
  "binary-input",
  "no-title",
  "no-tasks",
  "numbering-gap",
  "numbering-restart",
  "duplicate-number",
  "unparsed-deadline",
  "unit-annotation-unparsed",
  "script-converted",
  "pinyin-removed",
  "boilerplate-removed",
  "trailing-material-removed",
  "preface-removed",
  "citation-repaired",
  "citation-unbalanced",
  "period-unknown",
  "jurisdiction-unknown",
  "jurisdiction-ambiguous",
  "jurisdiction-guessed",
  "very-long-task",
  "merge-title-mismatch",
  "merge-metadata-differs",
  "parts-inferred",
  "headings-split",
  "garbled-text",
  "not-a-task",
  "unit-rule",
  "corrected",
] as const;

export const ImportWarningSchema = z
  .object({
    code: z.enum(WARNING_CODES).describe("警告代码 stable warning code"),
    message: z.string().describe("说明 what the importer noticed, in English"),
    line: z.number().int().min(1).nullable().describe("行号 line in the source text (1-based) when known"),
    excerpt: z.string().nullable().describe("原文片段 a short excerpt of the text concerned"),
  })
  .describe("导入警告 importer warning");
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

export const ProvenanceSchema = z
  .object({
    sourceFiles: z
      .array(
        z.object({
          name: z.string().describe("文件名 source file name"),
          sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("校验和 sha256 of the raw bytes, hex"),
          script: z.enum(SCRIPTS).describe("字形 detected script of the source"),
          format: z.enum(SOURCE_FORMATS).describe("格式 detected layout of a text (plain, pdf-extract, web-page, web-scrape, news-reprint), or the file it was read from (docx, xlsx, pdf, html)"),
        }),
      )
      .min(1)
      .describe("来源文件 the source texts the plan was imported from (one plan may have several copies)"),
    importerVersion: z.string().describe("导入器版本 version of the importer that produced this plan"),
    warnings: z.array(ImportWarningSchema).describe("导入警告 what the importer noticed"),
  })
  .describe("来源 provenance");
export type Provenance = z.infer<typeof ProvenanceSchema>;

import { z } from "zod";

/** A document a plan or task cites: 《title》 and, when printed, its 文号. */
export const CitationSchema = z
  .object({
    title: z.string().min(1).describe("文件名称 cited document title, without the 《》 marks"),
    documentNumber: z
      .string()
      .nullable()
      .describe("文号 document number as printed after the title, e.g. 呼党发〔2014〕16号; null when none"),
  })
  .describe("引用文件 a cited document");
export type Citation = z.infer<typeof CitationSchema>;

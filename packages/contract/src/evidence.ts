import { EVIDENCE_MEDIA_TYPES, EvidenceFileSchema } from "@taizhang/core";
import { z } from "zod";
import { BEARER, ItemKeyParam, PlanIdParam, TaskNumberParam, UnitIdParam } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const EvidenceUploadParams = z.object({ planId: PlanIdParam, number: TaskNumberParam, item: ItemKeyParam, unitId: UnitIdParam });

export const Sha256Param = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "a sha256: 64 lower-case hex digits")
  .meta({ param: { name: "sha256", in: "path" }, example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });

export const EvidenceFileParams = EvidenceUploadParams.extend({ sha256: Sha256Param });

export const EvidenceUploadResponse = z
  .object({
    file: EvidenceFileSchema.describe("the reference to put in the row's evidence (PATCH the progress with it to attach it)"),
    created: z.boolean().describe("false when the same bytes were already stored (one copy is kept)"),
  })
  .meta({ id: "EvidenceUpload" });
export type EvidenceUpload = z.infer<typeof EvidenceUploadResponse>;

const FILE_CONTENT = Object.fromEntries(EVIDENCE_MEDIA_TYPES.map((type) => [type, { schema: { type: "string", format: "binary" } }])) as Record<
  (typeof EVIDENCE_MEDIA_TYPES)[number],
  { schema: { type: "string"; format: "binary" } }
>;

const tags = ["progress"];

/** Evidence files (佐证文件) of one (checklist item, unit): upload one, read one back. */
export const evidenceRoutes = {
  uploadEvidenceFile: defineRoute({
    operationId: "uploadEvidenceFile",
    method: "post",
    path: "/api/progress/{planId}/{number}/{item}/{unitId}/evidence",
    tags,
    summary: "Upload a scan, photo or document as evidence of one (item, unit): answers the file's reference to attach with a progress PATCH",
    description:
      "Offices for their own unit's rows, admins for any. Send multipart/form-data with a `file` part (its name is kept), or the file itself as the " +
      "body with `name` in the query. The type is read from the file's first bytes (PDF, JPEG, PNG, WebP, OFD, .docx, .xlsx; the server's " +
      "TAIZHANG_EVIDENCE_TYPES may narrow it), not from its name: another type is 415, a declared type the bytes contradict is 415, a file past " +
      "TAIZHANG_EVIDENCE_MAX_BYTES is 413 (`limit` names it), an empty file is 422. Files are stored by their sha256: the same bytes twice are one " +
      "copy. Uploading attaches nothing: the answer's `file` goes into an evidence entry of the row's next PATCH (which refuses a file that was " +
      "never uploaded).",
    security: BEARER,
    request: {
      params: EvidenceUploadParams,
      query: z.object({ name: z.string().trim().min(1).max(200).optional().meta({ description: "the file's name, for a raw body (a form's file part names itself)" }) }),
      body: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary", description: "the evidence file" } }, required: ["file"] },
          },
          ...FILE_CONTENT,
          "application/octet-stream": { schema: { type: "string", format: "binary", description: "the file's bytes; the type is read from them" } },
        },
      },
    },
    responses: {
      201: { description: "Stored (or already stored): the file's reference", content: { "application/json": { schema: EvidenceUploadResponse } } },
      ...problemResponses(400, 401, 403, 404, 413, 415, 422),
    },
  }),
  getEvidenceFile: defineRoute({
    operationId: "getEvidenceFile",
    method: "get",
    path: "/api/progress/{planId}/{number}/{item}/{unitId}/evidence/{sha256}",
    tags,
    summary: "An evidence file of one (item, unit), to whoever may read the row",
    description:
      "Only a file the row's evidence names is served (a file of another row is 404 here), to whoever may read the row: everyone, or only " +
      "token holders when the server sets TAIZHANG_READ_REQUIRES_TOKEN. Served with its type as read from its bytes, Content-Disposition " +
      "(inline for PDF and images, attachment otherwise) with the uploaded name, X-Content-Type-Options: nosniff, a sandboxing CSP, and the " +
      "ETag `\"<sha256>\"` (If-None-Match answers 304: the bytes of a hash never change).",
    request: {
      params: EvidenceFileParams,
      headers: z.object({ "if-none-match": z.string().optional().meta({ description: "the ETag of a copy already held" }) }),
    },
    responses: {
      200: {
        description: "The file",
        headers: {
          ETag: { schema: { type: "string" }, description: 'the sha256, quoted: "9f86…"' },
          "Content-Disposition": { schema: { type: "string" }, description: "inline or attachment, with the uploaded file name (RFC 6266 filename*)" },
        },
        content: FILE_CONTENT,
      },
      304: { description: "Not modified: the copy named by If-None-Match is this file" },
      ...problemResponses(400, 401, 404),
    },
  }),
};

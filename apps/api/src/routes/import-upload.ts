import { createHash } from "node:crypto";
import { ImportCorrectionsSchema, JurisdictionSchema, type ImportCorrections, type Jurisdiction, type SourceFormat } from "@taizhang/core";
import { DocumentError, readPlanFile } from "@taizhang/documents";
import { PLAN_FILE_TYPES } from "@taizhang/contract";
import { ApiError } from "../problem.js";


/** What an import request carries, whatever its content type. */
export interface ImportInput {
  text: string;
  id?: string;
  sourceName: string;
  /** sha256 of an uploaded file's bytes (the text's own hash otherwise). */
  sha256?: string;
  /** The container the text came in (docx, pdf, html, xlsx). */
  format?: SourceFormat;
  corrections?: ImportCorrections;
  /** The jurisdiction the admin set or confirmed in the preview. */
  jurisdiction?: Jurisdiction;
}

function parseCorrections(raw: unknown): ImportCorrections | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ApiError("validation-failed", "the `corrections` part is not JSON", { errors: [{ path: "body.corrections", message: "not JSON" }] });
    }
  }
  const parsed = ImportCorrectionsSchema.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ["body", "corrections", ...i.path].join("."), message: i.message }));
    throw new ApiError("validation-failed", "the corrections are not valid", { errors });
  }
  return parsed.data;
}

/** A multipart form's `jurisdiction` part: JSON {name, level, parent}. */
function parseJurisdiction(raw: unknown): { jurisdiction?: Jurisdiction } {
  if (raw === undefined || raw === null || raw === "") return {};
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ApiError("validation-failed", "the `jurisdiction` part is not JSON", { errors: [{ path: "body.jurisdiction", message: "not JSON" }] });
    }
  }
  const parsed = JurisdictionSchema.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ["body", "jurisdiction", ...i.path].join("."), message: i.message }));
    throw new ApiError("validation-failed", "the jurisdiction is not valid", { errors });
  }
  return { jurisdiction: parsed.data };
}

/** Reads an uploaded plan file into the importer's text; a file that cannot be read is a 422 naming what it is. */
async function fileInput(bytes: Uint8Array, name: string | null): Promise<Pick<ImportInput, "text" | "sha256" | "format" | "sourceName">> {
  try {
    const file = await readPlanFile(bytes);
    const extension = file.kind === "text" ? "txt" : file.kind;
    return {
      text: file.text,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      ...(file.format === null ? {} : { format: file.format }),
      sourceName: name ?? `upload.${extension}`,
    };
  } catch (error) {
    if (error instanceof DocumentError) throw new ApiError("import-failed", error.message, { code: error.code });
    throw error;
  }
}

interface RequestLike {
  header(name: string): string | undefined;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
  parseBody(): Promise<Record<string, unknown>>;
}

/**
 * The plan an import request sends: text/plain; JSON {text, id, sourceName,
 * corrections}; multipart/form-data with a `file` part (and optional `id`,
 * `sourceName`, `corrections`); or a file as the raw body (.docx, .pdf,
 * .html, .xlsx, .doc — the format read from the bytes).
 */
export async function readImportRequest(req: RequestLike, json: () => unknown, queryId: string | undefined): Promise<ImportInput> {
  const type = (req.header("content-type") ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
  const withId = (input: ImportInput, id: unknown): ImportInput => {
    const chosen = typeof id === "string" && id !== "" ? id : queryId;
    return chosen === undefined ? input : { ...input, id: chosen };
  };
  if (type === "text/plain") return withId({ text: await req.text(), sourceName: "upload.txt" }, undefined);
  if (type === "application/json") {
    const body = json() as { text: string; id?: string; sourceName?: string; corrections?: unknown; jurisdiction?: Jurisdiction };
    return withId(
      { text: body.text, sourceName: body.sourceName ?? "upload.txt", ...optional(parseCorrections(body.corrections)), ...(body.jurisdiction ? { jurisdiction: body.jurisdiction } : {}) },
      body.id,
    );
  }
  if (type === "multipart/form-data") {
    let form: Record<string, unknown>;
    try {
      form = await req.parseBody();
    } catch {
      throw new ApiError("invalid-request", "the multipart/form-data body cannot be read: send the plan's file as a `file` part");
    }
    const file = form["file"];
    if (!(file instanceof File)) throw new ApiError("invalid-request", "the form has no `file` part holding the plan's file");
    const named = typeof form["sourceName"] === "string" && form["sourceName"].trim() !== "" ? form["sourceName"].trim().slice(0, 200) : file.name || null;
    const read = await fileInput(new Uint8Array(await file.arrayBuffer()), named);
    return withId({ ...read, ...optional(parseCorrections(form["corrections"])), ...parseJurisdiction(form["jurisdiction"]) }, form["id"]);
  }
  if ((PLAN_FILE_TYPES as readonly string[]).includes(type)) {
    return withId(await fileInput(new Uint8Array(await req.arrayBuffer()), null), undefined);
  }
  throw new ApiError(
    "unsupported-media-type",
    `send the plan as text/plain, as application/json {text, id}, as multipart/form-data with a \`file\` part, or as the file itself (${PLAN_FILE_TYPES.join(", ")}), not ${type || "no Content-Type"}`,
  );
}

function optional(corrections: ImportCorrections | undefined): { corrections?: ImportCorrections } {
  return corrections === undefined ? {} : { corrections };
}

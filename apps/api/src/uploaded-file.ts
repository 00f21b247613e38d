import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./problem.js";

/** Content-Disposition with a file's name: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** What an upload route takes, for its refusals: the file in words, and the raw body types it reads as the file. */
export interface UploadRules {
  /** e.g. "the evidence file", "the edited ledger". */
  what: string;
  /** Whether a raw body of this media type is the file itself. */
  takesRaw(type: string): boolean;
  /** How to send the file as a raw body, named in the 415's detail. */
  rawHint: string;
  /** The problem for a form without its `file` part. */
  missingPart: "invalid-request" | "validation-failed";
}

/** An uploaded file: the `file` part of a multipart form, or the raw body (its name from `named`, e.g. `?name=`). */
export async function uploadedFile(c: Context<AppEnv>, named: string | undefined, rules: UploadRules): Promise<{ bytes: Uint8Array; name: string | null; declaredType: string | null }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
  if (type === "multipart/form-data") {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new ApiError("invalid-request", `the multipart/form-data body cannot be read: send ${rules.what} as a \`file\` part`);
    }
    const file = body["file"];
    if (!(file instanceof File)) {
      const detail = `the form has no \`file\` part holding ${rules.what}`;
      throw rules.missingPart === "validation-failed" ? new ApiError("validation-failed", detail, { errors: [{ path: "body.file", message: "required" }] }) : new ApiError("invalid-request", detail);
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: named ?? (file.name || null), declaredType: file.type || null };
  }
  if (!rules.takesRaw(type)) {
    throw new ApiError("unsupported-media-type", `send ${rules.what} as ${rules.rawHint} or as multipart/form-data with a \`file\` part, not ${type || "no Content-Type"}`);
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), name: named ?? null, declaredType: type };
}

import { createHash } from "node:crypto";

/** sha256 (hex) of a string. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

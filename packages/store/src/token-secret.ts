import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new bearer secret: "tz_" and 32 random bytes, base64url. Shown once, never stored. */
export function newTokenSecret(): string {
  return `tz_${randomBytes(32).toString("base64url")}`;
}

/** What the store keeps of a secret: its sha256, hex. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

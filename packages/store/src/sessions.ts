import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import { hashesEqual, hashTokenSecret } from "./token-secret.js";

/** A new session: the id for the cookie (shown once, never stored) and when it ends. */
export interface NewSession {
  sessionId: string;
  expiresAt: string;
}

/** A random session id: 32 bytes, base64url. */
export const newSessionId = (): string => randomBytes(32).toString("base64url");

/** Keeps a new session of `tokenId` (by the hash of its id) until `now + lifetimeMs`. */
export async function insertSession(db: Kysely<Database>, tokenId: string, now: Date, lifetimeMs: number): Promise<NewSession> {
  const sessionId = newSessionId();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
  await db.insertInto("sessions").values({ id_hash: hashTokenSecret(sessionId), token_id: tokenId, created_at: at, expires_at: expiresAt, last_seen: at }).execute();
  return { sessionId, expiresAt };
}

/** The token id of a live session: null when the id is unknown, expired, or its token is revoked. */
export async function findSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<{ tokenId: string; lastSeen: string } | null> {
  const hash = hashTokenSecret(sessionId);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("tokens as t", "t.id", "s.token_id")
    .select(["s.id_hash", "s.token_id", "s.expires_at", "s.last_seen", "t.revoked_at"])
    .where("s.id_hash", "=", hash)
    .executeTakeFirst();
  if (!row || !hashesEqual(row.id_hash, hash) || row.revoked_at !== null) return null;
  if (Date.parse(row.expires_at) <= now.getTime()) return null;
  return { tokenId: row.token_id, lastSeen: row.last_seen };
}

/** Notes a session's use (at most once a minute, by the caller's choice). */
export async function touchSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen: now.toISOString() }).where("id_hash", "=", hashTokenSecret(sessionId)).execute();
}

/** Ends a session (sign-out); also clears expired sessions. True when the session existed. */
export async function deleteSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<boolean> {
  const deleted = await db.deleteFrom("sessions").where("id_hash", "=", hashTokenSecret(sessionId)).executeTakeFirst();
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
  return deleted.numDeletedRows > 0n;
}

/** Ends every session of a token (when it is revoked). */
export async function deleteTokenSessions(db: Kysely<Database>, tokenId: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_id", "=", tokenId).execute();
}

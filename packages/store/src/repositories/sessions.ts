import { randomBytes } from "node:crypto";
import { LedgerError, type TokenRecord } from "../ledger.js";
import { hashesEqual, hashTokenSecret } from "../token-secret.js";
import type { Db, StoreContext } from "./store-context.js";
import { TOKEN_TOUCH_INTERVAL_MS, type TokensRepository } from "./tokens.js";

/** A new session: the id for the cookie (shown once, never stored) and when it ends. */
interface NewSession {
  sessionId: string;
  expiresAt: string;
}

/** A random session id: 32 bytes, base64url. */
const newSessionId = (): string => randomBytes(32).toString("base64url");

/** Web sessions of tokens: the store keeps only the sha256 of a session's id. */
export class SessionsRepository {
  constructor(
    private readonly store: StoreContext,
    private readonly tokens: TokensRepository,
  ) {}

  /** A session of the live token `tokenId` until `now + lifetimeMs`. */
  create(tokenId: string, lifetimeMs: number): Promise<NewSession> {
    return this.store.write(async (trx) => {
      if (!(await this.tokens.isLive(trx, tokenId))) throw new LedgerError("not_found", `no live token ${tokenId}`);
      const now = this.store.clock();
      const sessionId = newSessionId();
      const at = now.toISOString();
      const expiresAt = new Date(now.getTime() + lifetimeMs).toISOString();
      await trx.insertInto("sessions").values({ id_hash: hashTokenSecret(sessionId), token_id: tokenId, created_at: at, expires_at: expiresAt, last_seen: at }).execute();
      return { sessionId, expiresAt };
    });
  }

  /** The token of a live session; null when the id is unknown, expired, signed out or its token revoked. */
  async authenticate(sessionId: string): Promise<TokenRecord | null> {
    const now = this.store.clock();
    const session = await this.store.read((db) => findSession(db, sessionId, now));
    if (!session) return null;
    // Its use is noted at most once a minute.
    if (now.getTime() - Date.parse(session.lastSeen) >= TOKEN_TOUCH_INTERVAL_MS) {
      await this.store.write((trx) => trx.updateTable("sessions").set({ last_seen: now.toISOString() }).where("id_hash", "=", hashTokenSecret(sessionId)).execute());
    }
    return this.tokens.live(session.tokenId);
  }

  /** Ends a session (sign-out); also clears expired sessions. */
  async delete(sessionId: string): Promise<void> {
    const now = this.store.clock();
    await this.store.write(async (trx) => {
      await trx.deleteFrom("sessions").where("id_hash", "=", hashTokenSecret(sessionId)).execute();
      await trx.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
    });
  }
}

/** The token id of a live session: null when the id is unknown, expired, or its token is revoked. */
async function findSession(db: Db, sessionId: string, now: Date): Promise<{ tokenId: string; lastSeen: string } | null> {
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

/** Ends every session of a token (when it is revoked), inside the caller's transaction. */
export async function deleteTokenSessions(db: Db, tokenId: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_id", "=", tokenId).execute();
}

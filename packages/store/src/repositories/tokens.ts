import { randomUUID } from "node:crypto";
import type { UnitId } from "@taizhang/core";
import { LedgerError, type Role, type TokenRecord } from "../ledger.js";
import { toTokenRecord } from "../row-mapping.js";
import { refuseUnstorable } from "../stored-text-guard.js";
import { hashesEqual, hashTokenSecret, newTokenSecret } from "../token-secret.js";
import { deleteTokenSessions } from "./sessions.js";
import type { Db, StoreContext } from "./store-context.js";

/** last_used_at (a token's, a session's last_seen) is refreshed at most this often, so reads do not each become a write. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** API tokens: only the sha256 of a secret is kept; revoking one ends its sessions. */
export class TokensRepository {
  constructor(private readonly store: StoreContext) {}

  async create(input: { name: string; role: Role; unitId: UnitId | null }): Promise<{ token: string; record: TokenRecord }> {
    const name = input.name.trim();
    if (name === "") throw new LedgerError("invalid", "a token needs a name");
    refuseUnstorable(name, "name");
    if (!["admin", "office", "viewer"].includes(input.role)) throw new LedgerError("invalid", `unknown role ${input.role}`);
    if (input.role === "office" && input.unitId === null) throw new LedgerError("invalid", "an office token needs a unit");
    const token = newTokenSecret();
    const row = {
      id: randomUUID(),
      name,
      role: input.role,
      unit_id: input.unitId,
      secret_hash: hashTokenSecret(token),
      created_at: this.store.now(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.store.write(async (trx) => {
      if (input.unitId !== null) {
        const unit = await trx.selectFrom("units").select("id").where("id", "=", input.unitId).executeTakeFirst();
        if (!unit) throw new LedgerError("not_found", `no unit ${input.unitId}`);
      }
      await trx.insertInto("tokens").values(row).execute();
    });
    return { token, record: toTokenRecord(row) };
  }

  list(): Promise<TokenRecord[]> {
    return this.store.read(async (db) => (await db.selectFrom("tokens").selectAll().orderBy("created_at").orderBy("id").execute()).map(toTokenRecord));
  }

  revoke(id: string): Promise<TokenRecord> {
    const at = this.store.now();
    return this.store.write(async (trx) => {
      const row = await trx.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no token ${id}`);
      if (row.revoked_at !== null) return toTokenRecord(row);
      await trx.updateTable("tokens").set({ revoked_at: at }).where("id", "=", id).execute();
      await deleteTokenSessions(trx, id);
      return toTokenRecord({ ...row, revoked_at: at });
    });
  }

  /** Null when unknown or revoked; compares in constant time. */
  async authenticate(token: string): Promise<TokenRecord | null> {
    const hash = hashTokenSecret(token);
    const row = await this.store.read((db) => db.selectFrom("tokens").selectAll().where("secret_hash", "=", hash).executeTakeFirst());
    if (!row || !hashesEqual(row.secret_hash, hash) || row.revoked_at !== null) return null;
    const now = this.store.clock();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOKEN_TOUCH_INTERVAL_MS) {
      const at = now.toISOString();
      await this.store.write((trx) => trx.updateTable("tokens").set({ last_used_at: at }).where("id", "=", row.id).execute());
      return toTokenRecord({ ...row, last_used_at: at });
    }
    return toTokenRecord(row);
  }

  /** The token `id` when it exists and is not revoked. */
  async live(id: string): Promise<TokenRecord | null> {
    const row = await this.store.read((db) => db.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst());
    return row && row.revoked_at === null ? toTokenRecord(row) : null;
  }

  /** Whether the token `id` exists and is not revoked, read inside the caller's transaction. */
  async isLive(trx: Db, id: string): Promise<boolean> {
    const token = await trx.selectFrom("tokens").select("revoked_at").where("id", "=", id).executeTakeFirst();
    return token !== undefined && token.revoked_at === null;
  }
}

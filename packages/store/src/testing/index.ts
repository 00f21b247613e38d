import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { storeInternals } from "../kysely-ledger.js";
import type { Ledger } from "../ledger.js";

/**
 * The Kysely handle under a ledger, for tests that must arrange what no
 * door accepts: rows written before a migration, a session past its expiry,
 * another process's commit. Never for product code: the `Ledger` interface
 * is all that leaves packages/store.
 */
export function rawDatabase(ledger: Ledger): Kysely<Database> {
  return storeInternals(ledger).db;
}

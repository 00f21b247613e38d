import type { Actor, Ledger, TokenRecord } from "@taizhang/store";
import type { PlanCatalog } from "@taizhang/store";
import type { ApiConfig } from "./env.js";
import type { Logger } from "./logger.js";

/** Who made a request: the token's record and how it came (header or web session cookie). */
export interface Caller {
  token: TokenRecord;
  via: "bearer" | "cookie";
}

/** What every handler finds on its context (`c.var`). */
export interface AppEnv {
  Variables: {
    requestId: string;
    ledger: Ledger;
    /** The stored plans in memory with their search index (one per app). */
    catalog: PlanCatalog;
    config: ApiConfig;
    clock: () => Date;
    logger: Logger;
    caller: Caller | null;
  };
}

/** The actor the store records in history for a caller. */
export function actorOf(caller: Caller): Actor {
  return {
    name: caller.token.name,
    role: caller.token.role,
    unitId: caller.token.unitId,
    source: caller.via === "cookie" ? "web" : "api",
  };
}

import type { Ledger, PlanCatalog } from "@taizhang/store";

/** What the use cases run on: the store, the stored plans in memory with their search index, and the clock. */
export interface AppDeps {
  ledger: Ledger;
  catalog: PlanCatalog;
  clock: () => Date;
}

import { evidenceRoutes } from "./evidence.js";
import { exportRoutes } from "./exports.js";
import { healthRoutes } from "./health.js";
import { historyRoutes } from "./history.js";
import { importRoutes } from "./imports.js";
import { planRoutes } from "./plans.js";
import { progressRoutes } from "./progress.js";
import { reportRoutes } from "./reports.js";
import { searchRoutes } from "./search.js";
import { sessionRoutes } from "./session.js";
import { taskRoutes } from "./tasks.js";
import { tokenRoutes } from "./tokens.js";
import { unitRoutes } from "./units.js";

export * from "./route.js";
export * from "./problems.js";
export * from "./ids.js";
export * from "./common.js";
export * from "./checklist.js";
export * from "./ledger-import.js";
export * from "./plans.js";
export * from "./tasks.js";
export * from "./units.js";
export * from "./progress.js";
export * from "./evidence.js";
export * from "./history.js";
export * from "./reports.js";
export * from "./search.js";
export * from "./imports.js";
export * from "./exports.js";
export * from "./tokens.js";
export * from "./session.js";
export * from "./health.js";

/** Every route of the API, by operationId (named per group: the expanded type is too large for the compiler to write out). */
export type Routes = typeof planRoutes &
  typeof taskRoutes &
  typeof unitRoutes &
  typeof progressRoutes &
  typeof evidenceRoutes &
  typeof historyRoutes &
  typeof reportRoutes &
  typeof searchRoutes &
  typeof importRoutes &
  typeof exportRoutes &
  typeof tokenRoutes &
  typeof sessionRoutes &
  typeof healthRoutes;

/** Every route of the API, by operationId: what the API mounts and the client calls. */
export const routes: Routes = {
  ...planRoutes,
  ...taskRoutes,
  ...unitRoutes,
  ...progressRoutes,
  ...evidenceRoutes,
  ...historyRoutes,
  ...reportRoutes,
  ...searchRoutes,
  ...importRoutes,
  ...exportRoutes,
  ...tokenRoutes,
  ...sessionRoutes,
  ...healthRoutes,
};
export type OperationId = keyof Routes;

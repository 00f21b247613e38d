import { routes } from "@taizhang/contract";
import { applyImportCorrections, checkPlanLimits, decideReplacement, type importPlan, planHeading, type PlanHeading } from "@taizhang/core";
import { actorOf } from "../app-env.js";
import { serveRoute } from "../use-case-routes.js";
import { callerOf, requireRole } from "../auth.js";
import { ApiError } from "../problem.js";
import { importPlanOffLoop } from "../workers/parse.js";
import { readImportRequest } from "./import-upload.js";

/** Warnings that mean the importer could not be sure whose plan it is: storing then needs the admin's jurisdiction. */
const UNSURE_JURISDICTION = new Set(["jurisdiction-unknown", "jurisdiction-ambiguous", "jurisdiction-guessed"]);

/** Import: an admin sends a plan's text and gets the plan the importer read, with its warnings; stored unless a dry run. */
export const importRoutes = serveRoute(
  routes.importPlan,
  async (c, request) => {
    const { query } = request;
    const input = await readImportRequest(c.req, () => request.json, query.id);
    // On a parse worker (workers/parse-pool.ts): a long text does not stall the event loop.
    const imported = await importPlanOffLoop(
      input.text,
      {
        ...(input.id ? { id: input.id } : {}),
        ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
        sourceName: input.sourceName,
        ...(input.sha256 ? { sha256: input.sha256 } : {}),
        ...(input.format ? { format: input.format } : {}),
      },
      { config: c.var.config },
    );
    const { plan, warnings } = input.corrections ? withCorrections(imported, input.corrections) : imported;
    // Every checklist read and export scales with the plan: one too large for them is refused before anything is stored.
    const tooLarge = checkPlanLimits(plan, c.var.config.planLimits);
    if (tooLarge) throw new ApiError("plan-too-large", tooLarge.message, { limit: { name: tooLarge.setting, value: tooLarge.max } });
    const stored = (await c.var.ledger.listPlans()).find((p) => p.id === plan.id);
    const existing: PlanHeading | null = stored ? planHeading(stored) : null;
    const decision = decideReplacement(existing, planHeading(plan), { replace: query.replace, replaceDifferent: query.replaceDifferent });
    const differs = decision.ok || existing === null ? [] : decision.differs;
    const unsure = warnings.find((w) => UNSURE_JURISDICTION.has(w.code));
    const jurisdictionConfirmed = input.jurisdiction !== undefined || unsure === undefined;
    const preview = { plan, warnings, existing, differs, jurisdictionConfirmed };
    if (query.dryRun) return c.json({ ...preview, stored: false, action: null }, 200);
    if (!jurisdictionConfirmed) {
      throw new ApiError(
        "jurisdiction-unconfirmed",
        `${unsure?.message ?? "the jurisdiction is not certain"}: send the jurisdiction ({name, level, parent}) with the text to store it`,
      );
    }
    if (!decision.ok) {
      throw new ApiError(decision.code, decision.message, { existing: decision.existing, incoming: decision.incoming, differs: decision.differs });
    }
    const caller = actorOf(callerOf(c));
    const { action } = await c.var.ledger.loadPlan(plan, { actor: { name: caller.name, source: caller.source } });
    return c.json({ ...preview, stored: true, action }, 201);
  },
  [requireRole("admin")],
);

/** The import with an admin's corrections applied: their `corrected` warnings join the importer's. */
function withCorrections(imported: ReturnType<typeof importPlan>, corrections: Parameters<typeof applyImportCorrections>[1]): ReturnType<typeof importPlan> {
  const corrected = applyImportCorrections(imported.plan, corrections);
  return { plan: corrected.plan, warnings: [...imported.warnings, ...corrected.warnings] };
}

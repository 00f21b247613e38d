import type { UnitId } from "@taizhang/core";
import type { AppDeps } from "../deps.js";
import { authorize } from "../policy.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";
import { resolveOneUnit } from "./units.js";

/** Access tokens (admins): create (the secret is answered once), list, revoke. */
export function tokenUseCases({ ledger }: AppDeps): UseCasesFor<"createToken" | "listTokens" | "revokeToken"> {
  return {
    createToken: async (caller, { json }) => {
      authorize(caller, "tokens.manage");
      let unitId: UnitId | null = null;
      let unitName = "";
      if (json.unit !== undefined) {
        const unit = await resolveOneUnit(ledger, json.unit, json.jurisdiction);
        unitId = unit.id;
        unitName = unit.name;
      }
      const name = json.name ?? (unitId ? `${unitName} ${json.role}` : json.role);
      return fromStore(ledger.createToken({ name, role: json.role, unitId }));
    },
    listTokens: async (caller) => {
      authorize(caller, "tokens.manage");
      return { items: await fromStore(ledger.listTokens()) };
    },
    revokeToken: async (caller, { params }) => {
      authorize(caller, "tokens.manage");
      return fromStore(ledger.revokeToken(params.id));
    },
  };
}

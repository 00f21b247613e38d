import type { Unit } from "@taizhang/core";
import { useEffect, useState } from "react";
import type { DataError } from "../../../data/data-result.js";
import type { DataSource } from "../../../data/data-source.js";
import { unitsOf } from "./match-units.js";

export type UnitList = { status: "loading" } | { status: "ready"; units: Unit[] } | { status: "error"; error: DataError };

/** Every unit named by the stored plans, loaded once when the picker opens. */
export function useUnitList(ds: DataSource): UnitList {
  const [list, setList] = useState<UnitList>({ status: "loading" });
  useEffect(() => {
    let live = true;
    void (async () => {
      const summaries = await ds.listPlans();
      if (!summaries.ok) {
        if (live) setList({ status: "error", error: summaries.error });
        return;
      }
      const plans = [];
      for (const s of summaries.value) {
        const plan = await ds.getPlan(s.id);
        if (!plan.ok) {
          if (live) setList({ status: "error", error: plan.error });
          return;
        }
        plans.push(plan.value);
      }
      if (live) setList({ status: "ready", units: unitsOf(plans) });
    })();
    return () => {
      live = false;
    };
  }, [ds]);
  return list;
}

import type { PlanSummary, Unit, UnitId } from "@taizhang/core";
import { useCallback, useEffect, useState } from "react";
import type { DataSource, Identity } from "../../data/data-source.js";

export interface Session {
  /** Who the UI writes as; null until known, or when the source could not say. */
  identity: Identity | null;
  /** The plans, for the filter's plan list. */
  plans: readonly PlanSummary[];
  /**
   * "My" unit: the one chosen in the unit picker, else `--unit` once it
   * names exactly one unit, else the office token's. 我的清单 shows it, and
   * `s`, `n`, `p` and `%` off a progress line take its line.
   */
  unit: { id: UnitId; label: string } | null;
  /** Whether identity, plans and `--unit` have all been answered (well or not): until then keys wait. */
  ready: boolean;
  chooseUnit(unit: Unit): void;
}

/**
 * What the UI needs to know before it takes keys: who it is, the plans,
 * and the unit `--unit` names. Asked again when `generation` changes (the
 * server came back after being offline).
 */
export function useSession(ds: DataSource, unitArg: string | null, generation: number): Session {
  const [identity, setIdentity] = useState<{ value: Identity | null } | null>(null);
  const [plans, setPlans] = useState<{ value: readonly PlanSummary[] } | null>(null);
  const [argUnit, setArgUnit] = useState<{ value: Unit | null } | null>(unitArg === null ? { value: null } : null);
  const [chosen, setChosen] = useState<Unit | null>(null);

  useEffect(() => {
    let live = true;
    void ds.whoami().then((r) => {
      if (live) setIdentity((before) => ({ value: r.ok ? r.value : (before?.value ?? null) }));
    });
    void ds.listPlans().then((r) => {
      if (live) setPlans((before) => ({ value: r.ok ? r.value : (before?.value ?? []) }));
    });
    return () => {
      live = false;
    };
  }, [ds, generation]);

  useEffect(() => {
    if (unitArg === null) return;
    let live = true;
    // A name that is no unit, or several, leaves 我的清单 to say so when it is opened.
    void ds.resolveUnit(unitArg).then((r) => {
      if (live) setArgUnit((before) => ({ value: r.ok ? r.value : (before?.value ?? null) }));
    });
    return () => {
      live = false;
    };
  }, [ds, unitArg, generation]);

  const chooseUnit = useCallback((unit: Unit) => setChosen(unit), []);
  const unit = chosen ?? argUnit?.value ?? null;
  const officeUnit = identity?.value?.unitId ?? null;
  return {
    identity: identity?.value ?? null,
    plans: plans?.value ?? [],
    unit: unit ? { id: unit.id, label: `${unit.jurisdiction} ${unit.name}` } : officeUnit ? { id: officeUnit, label: officeUnit.replace(":", " ") } : null,
    ready: identity !== null && plans !== null && argUnit !== null,
    chooseUnit,
  };
}

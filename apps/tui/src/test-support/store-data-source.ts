import type { HistoryEntry, Plan, UnitId } from "@taizhang/core";
import { openLedger, type Ledger } from "@taizhang/store";
import { createTestApi } from "@taizhang/test-kit";
import type { DataOrigin, DataSource } from "../data/data-source.js";
import { LocalDataSource } from "../data/local-data-source.js";
import { RemoteDataSource } from "../data/remote-data-source.js";
import { FIXTURE_AS_OF } from "./fixture-plans.js";

/** A real data source for UI tests, with what a test needs to look at and to break. */
export type TestDataSource = DataSource & {
  /** Every change the store recorded, oldest first. */
  history(): Promise<HistoryEntry[]>;
  /** Remote only: while true, the server does not answer (its fetch fails as an unreachable host's does). */
  offline: boolean;
  /** The store behind the source, to arrange what a screen cannot make (uploaded evidence files). */
  store(): Promise<Ledger>;
};

/** Who a remote test source signs in as: an office of a unit, a viewer, or an admin. */
export type TestCaller = { role: "office"; unitId: UnitId; name: string } | { role: "viewer" } | { role: "admin" };

/** The address a remote test source names (nothing listens there: requests go to the app in process). */
export const TEST_SERVER = "http://127.0.0.1:9";

/**
 * Opens `open()` on first use, so tests can build a source synchronously;
 * every method waits for it. `origin` is known before.
 */
function lazy(origin: DataOrigin, open: (isOffline: () => boolean) => Promise<{ ds: DataSource; ledger: Ledger }>): TestDataSource {
  let opened: ReturnType<typeof open> | null = null;
  const source = {
    origin,
    offline: false,
    async history(): Promise<HistoryEntry[]> {
      const { ledger } = await ready();
      return (await ledger.history({ limit: 500, cursor: null })).items.reverse();
    },
    async store(): Promise<Ledger> {
      return (await ready()).ledger;
    },
  };
  const ready = () => (opened ??= open(() => source.offline));
  return new Proxy(source as TestDataSource, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      return async (...args: unknown[]) => {
        const { ds } = await ready();
        const method = Reflect.get(ds, prop) as (...a: unknown[]) => unknown;
        return method.apply(ds, args);
      };
    },
  });
}

/** The clock of the test sources' stores: changes are stamped at the fixtures' instant. */
const clock = () => FIXTURE_AS_OF;

/** The TUI's local data source (the app's use cases) over an in-memory store holding `plans`, writing as the admin "tui". */
export function localTestSource(plans: readonly Plan[]): TestDataSource {
  return lazy({ kind: "local", location: ":memory:" }, async () => {
    const ledger = await openLedger({ memory: true, clock });
    for (const plan of plans) await ledger.loadPlan(plan);
    return { ds: new LocalDataSource(ledger, ":memory:", { name: "tui", role: "admin", unitId: null, source: "tui" }, clock), ledger };
  });
}

/** The TUI's remote data source (through @taizhang/client) against the real API over an in-memory store holding `plans` (test-kit). */
export function remoteTestSource(plans: readonly Plan[], caller: TestCaller): TestDataSource {
  return lazy({ kind: "remote", location: TEST_SERVER }, async (isOffline) => {
    const api = await createTestApi({ plans: [...plans], clock, ...(caller.role === "office" ? { offices: { [caller.name]: caller.unitId } } : {}) });
    const fetchOrFail = (url: string, init: RequestInit) => (isOffline() ? Promise.reject(new TypeError("fetch failed")) : api.fetch(url, init));
    const token = caller.role === "office" ? api.tokens[caller.name] : api.tokens[caller.role];
    return { ds: new RemoteDataSource(TEST_SERVER, token ?? null, fetchOrFail), ledger: api.ledger };
  });
}

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useOp } from "../api/queries.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { AsyncView } from "../ui/async-view.js";
import { HeatMap } from "./heat-map.js";
import { StackedBars } from "./stacked-bars.js";
import { Timeline } from "./timeline.js";

const EMPTY_ROLLUP = { total: 0, byStatus: { not_started: 0, in_progress: 0, done: 0, blocked: 0, not_applicable: 0 }, percentComplete: 0, overdue: 0, dueSoon: 0 };

/** Completion and deadlines from the API's reports, drawn as plain SVG. */
export function DashboardPage() {
  const { api } = useApp();
  const { m } = useI18n();
  // One cached read of the reports the page draws, under progressReport so that saves mark it stale.
  const overview = useQuery({
    queryKey: ["progressReport", { dashboard: true }],
    queryFn: async ({ signal }) => {
      const [plans, byPlan, deadlines] = await Promise.all([
        api.op.listPlans({}, { signal }).then((r) => r.items),
        api.op.progressReport({ query: { by: "plan" } }, { signal }).then((r) => r.rows),
        api.op.deadlineReport({ query: { withinDays: 90 } }, { signal }),
      ]);
      const byUnit = await Promise.all(
        plans.map(async (p) => ({ key: p.id as string, label: p.jurisdiction.name, rows: (await api.op.progressReport({ query: { by: "unit", planId: p.id } }, { signal })).rows })),
      );
      return { plans, byPlan, deadlines, byUnit };
    },
  });
  const [planId, setPlanId] = useState<string>("");

  return (
    <section className="dashboard">
      <h1>{m.dashboard.title}</h1>
      <AsyncView query={overview}>
        {(d) => {
          // Start with the first plan that has any rows: plans that name no units have nothing to chart yet.
          const withRows = d.plans.find((p) => d.byPlan.some((r) => r.key === p.id && r.rollup.total > 0));
          const chosen = planId || (withRows ?? d.plans[0])?.id || "";
          const empty = d.plans.filter((p) => !d.byPlan.some((r) => r.key === p.id && r.rollup.total > 0));
          // Every plan gets its bar; one the report has no rows for (no units assigned yet) says so instead of being left out.
          const planRows = [...d.byPlan, ...empty.filter((p) => !d.byPlan.some((r) => r.key === p.id)).map((p) => ({ key: p.id as string, label: p.title, rollup: EMPTY_ROLLUP }))];
          return (
            <>
              <section>
                <h2>{m.dashboard.byPlan}</h2>
                <StackedBars rows={planRows} title={m.dashboard.byPlan} />
                {empty.length > 0 && <p className="muted">{m.dashboard.noRowsNote(empty.map((p) => p.title).join("、"))}</p>}
              </section>
              <section>
                <h2>{m.dashboard.bySection}</h2>
                <label>
                  {m.dashboard.planPicker}{" "}
                  <select value={chosen} onChange={(e) => setPlanId(e.target.value)}>
                    {d.plans.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </select>
                </label>
                <SectionBars planId={chosen} />
              </section>
              <section>
                <h2>{m.dashboard.heatMap}</h2>
                <HeatMap columns={d.byUnit} title={m.dashboard.heatMap} />
              </section>
              <section>
                <h2>{m.dashboard.timeline}</h2>
                <p className="muted">{m.dashboard.timelineIntro}</p>
                {d.deadlines.truncated ? <p className="muted">{m.dashboard.timelineTruncated(d.deadlines.overdue.length + d.deadlines.dueSoon.length, d.deadlines.overdueTotal, d.deadlines.dueSoonTotal)}</p> : null}
                <Timeline overdue={d.deadlines.overdue} dueSoon={d.deadlines.dueSoon} asOf={new Date(d.deadlines.asOf)} title={m.dashboard.timeline} />
              </section>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}

function SectionBars({ planId }: { planId: string }) {
  const { m } = useI18n();
  const rows = useOp("progressReport", { query: { by: "section", planId } }, { enabled: planId !== "" });
  if (planId === "") return <StackedBars rows={[]} title={m.dashboard.bySection} />;
  return <AsyncView query={rows}>{(r) => <StackedBars rows={r.rows} title={m.dashboard.bySection} />}</AsyncView>;
}

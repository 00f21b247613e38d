import { useState } from "react";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { AsyncView } from "../ui/async-view.js";
import { useAsync } from "../use-async.js";
import { HeatMap } from "./heat-map.js";
import { StackedBars } from "./stacked-bars.js";
import { Timeline } from "./timeline.js";

/** Completion and deadlines from the API's reports, drawn as plain SVG. */
export function DashboardPage() {
  const { api } = useApp();
  const { m } = useI18n();
  const overview = useAsync(async () => {
    const [plans, byPlan, deadlines] = await Promise.all([api.plans.list(), api.reports.progress("plan"), api.reports.deadlines({ withinDays: 90 })]);
    const byUnit = await Promise.all(plans.map(async (p) => ({ key: p.id as string, label: p.jurisdiction.name, rows: await api.reports.progress("unit", { planId: p.id }) })));
    return { plans, byPlan, deadlines, byUnit };
  }, [api]);
  const [planId, setPlanId] = useState<string>("");

  return (
    <section className="dashboard">
      <h1>{m.dashboard.title}</h1>
      <AsyncView state={overview} reload={overview.reload}>
        {(d) => {
          // Start with the first plan that has any rows: plans that name no units have nothing to chart yet.
          const withRows = d.plans.find((p) => d.byPlan.some((r) => r.key === p.id && r.rollup.total > 0));
          const chosen = planId || (withRows ?? d.plans[0])?.id || "";
          return (
            <>
              <section>
                <h2>{m.dashboard.byPlan}</h2>
                <StackedBars rows={d.byPlan} title={m.dashboard.byPlan} />
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
  const { api } = useApp();
  const { m } = useI18n();
  const rows = useAsync(() => (planId ? api.reports.progress("section", { planId }) : Promise.resolve([])), [api, planId]);
  return <AsyncView state={rows} reload={rows.reload}>{(r) => <StackedBars rows={r} title={m.dashboard.bySection} />}</AsyncView>;
}

import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { useOp } from "../api/queries.js";

/** Every plan, as a list of documents anyone may read. */
export function PlansPage() {
  const { m } = useI18n();
  const plans = useOp("listPlans");
  return (
    <section>
      <h1>{m.plans.title}</h1>
      <p className="muted">{m.plans.intro}</p>
      <AsyncView query={plans}>
        {({ items: list }) => (
          <ul className="cards">
            {list.map((p) => (
              <li key={p.id} className="card">
                <h2>
                  <Link href={paths.plan(p.id)}>{p.title}</Link>
                </h2>
                <p className="muted">
                  {[p.issuer, p.documentNumber, m.plans.period(p.period.startYear, p.period.endYear)].filter(Boolean).join(" · ")}
                </p>
                <p>{m.plans.counts(p.counts.tasks, p.counts.milestones, p.counts.targets)}</p>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </section>
  );
}

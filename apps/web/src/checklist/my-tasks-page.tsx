import type { UnitId } from "@taizhang/core";
import type { SessionInfo } from "../api/session.js";
import { useOp, useUnitChecklist } from "../api/queries.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { useLocation, useNavigate } from "react-router";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { unitName } from "../ui/unit-name.js";
import { ChecklistView } from "./checklist-view.js";

/** 我的任务: the signed-in office's checklist across every plan. */
export function MyTasksPage() {
  const { session } = useApp();
  const { m } = useI18n();
  const location = useLocation();
  if (session.status === "loading") return <p role="status">{m.app.loading}</p>;
  if (session.status === "signed-out")
    return (
      <section>
        <h1>{m.my.title}</h1>
        <p>{m.my.signInFirst}</p>
        <Link href={paths.signIn(paths.myTasks(location.search.slice(1)))} className="button primary">
          {m.nav.signIn}
        </Link>
      </section>
    );
  const info = session.info;
  const unitFromQuery = new URLSearchParams(location.search).get("unit");
  const unitId = info.role === "office" ? info.unitId : unitFromQuery;
  if (!unitId) return <UnitPicker />;
  return <UnitChecklist unitId={unitId as UnitId} info={info} />;
}

function UnitPicker() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const units = useOp("listUnits");
  return (
    <section>
      <h1>{m.my.title}</h1>
      <p>{m.my.notOffice}</p>
      <AsyncView query={units}>
        {({ items: list }) => (
          <label>
            {m.my.pickUnit}{" "}
            <select defaultValue="" onChange={(e) => e.target.value && navigate(paths.myTasks(new URLSearchParams({ unit: e.target.value }).toString()))}>
              <option value="" />
              {list
                .filter((u) => !u.collective)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.jurisdiction} · {u.name}
                  </option>
                ))}
            </select>
          </label>
        )}
      </AsyncView>
    </section>
  );
}

function UnitChecklist({ unitId, info }: { unitId: UnitId; info: SessionInfo }) {
  const { m } = useI18n();
  const checklist = useUnitChecklist(unitId);
  const plans = useOp("listPlans");
  return (
    <AsyncView query={checklist}>
      {(list) => (
        <AsyncView query={plans}>
          {({ items }) => <ChecklistView unitId={unitId} info={info} rows={list.items} asOf={new Date(list.asOf)} plans={items} title={m.my.unitTitle(unitName(unitId))} />}
        </AsyncView>
      )}
    </AsyncView>
  );
}

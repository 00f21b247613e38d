import type { UnitId } from "@taizhang/core";
import type { SessionInfo } from "../api/types.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link, useRouter } from "../router/router.js";
import { paths } from "../router/routes.js";
import { AsyncView } from "../ui/async-view.js";
import { unitName } from "../ui/unit-name.js";
import { useAsync } from "../use-async.js";
import { ChecklistView } from "./checklist-view.js";

/** 我的任务: the signed-in office's checklist across every plan. */
export function MyTasksPage() {
  const { session } = useApp();
  const { m } = useI18n();
  const { location } = useRouter();
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
  const { api } = useApp();
  const { m } = useI18n();
  const { navigate } = useRouter();
  const units = useAsync(() => api.units.list(), [api]);
  return (
    <section>
      <h1>{m.my.title}</h1>
      <p>{m.my.notOffice}</p>
      <AsyncView state={units} reload={units.reload}>
        {(list) => (
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
  const { api } = useApp();
  const { m } = useI18n();
  const data = useAsync(() => Promise.all([api.units.checklist(unitId), api.plans.list()]), [api, unitId]);
  return (
    <AsyncView state={data} reload={data.reload}>
      {([checklist, plans]) => (
        <ChecklistView unitId={unitId} info={info} initialRows={checklist.items} asOf={new Date(checklist.asOf)} plans={plans} title={m.my.unitTitle(unitName(unitId))} />
      )}
    </AsyncView>
  );
}

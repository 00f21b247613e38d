import { useState } from "react";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AssignUnits } from "./assign-units.js";
import { ImportPlan } from "./import-plan.js";

/** Admin tools: assigning units and importing plans. */
export function AdminPage() {
  const { session } = useApp();
  const { m } = useI18n();
  // A newly imported plan may name no units: reload the assignment list after each import.
  const [imports, setImports] = useState(0);
  if (session.status === "loading") return <p role="status">{m.app.loading}</p>;
  if (session.status !== "signed-in" || session.info.role !== "admin")
    return (
      <section>
        <h1>{m.admin.title}</h1>
        <p>{m.admin.needAdmin}</p>
        <Link href={paths.signIn(paths.admin())} className="button primary">
          {m.nav.signIn}
        </Link>
      </section>
    );
  return (
    <section>
      <h1>{m.admin.title}</h1>
      <p>
        <Link href={paths.tokens()}>{m.tokens.manage}</Link>
      </p>
      <ImportPlan onImported={() => setImports((n) => n + 1)} />
      <AssignUnits key={imports} />
    </section>
  );
}

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.js";
import { ProblemMessage } from "./problem-message.js";

/** Shows a query's loading and error states (with a retry), and the content once its data is there. */
export function AsyncView<T>({ query, children }: { query: Pick<UseQueryResult<T>, "status" | "data" | "error" | "refetch">; children: (data: T) => ReactNode }) {
  const { m } = useI18n();
  if (query.status === "pending") return <p role="status" className="muted">{m.app.loading}</p>;
  if (query.status === "error")
    return (
      <div role="alert" className="notice error">
        <p>
          <ProblemMessage error={query.error} />
        </p>
        <button type="button" onClick={() => void query.refetch()}>
          {m.app.retry}
        </button>
      </div>
    );
  return <>{children(query.data as T)}</>;
}

import type { ReactNode } from "react";
import type { AsyncState } from "../use-async.js";
import { useI18n } from "../i18n/i18n.js";

/** Shows loading and error states, and the content once the data is there. */
export function AsyncView<T>({ state, reload, children }: { state: AsyncState<T>; reload?: () => void; children: (data: T) => ReactNode }) {
  const { m } = useI18n();
  if (state.status === "loading") return <p role="status" className="muted">{m.app.loading}</p>;
  if (state.status === "error")
    return (
      <div role="alert" className="notice error">
        <p>{m.app.error(state.error.message)}</p>
        {reload && (
          <button type="button" onClick={reload}>
            {m.app.retry}
          </button>
        )}
      </div>
    );
  return <>{children(state.data)}</>;
}

import type { TokenRecord } from "@taizhang/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { invalidateAfter, useOp } from "../api/queries.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { Link } from "../ui/link.js";
import { ProblemMessage } from "../ui/problem-message.js";
import { unitName } from "../ui/unit-name.js";

const ROLES = ["office", "viewer", "admin"] as const;
type Role = (typeof ROLES)[number];

/** Admin: access tokens — create one for a named person (its secret shown once), list them, revoke one. */
export function TokensPage() {
  const { session } = useApp();
  const { m } = useI18n();
  if (session.status === "loading") return <p role="status">{m.app.loading}</p>;
  if (session.status !== "signed-in" || session.info.role !== "admin")
    return (
      <section>
        <h1>{m.tokens.title}</h1>
        <p>{m.admin.needAdmin}</p>
        <Link href={paths.signIn(paths.tokens())} className="button primary">
          {m.nav.signIn}
        </Link>
      </section>
    );
  return (
    <section className="tokens-page">
      <p className="muted">
        <Link href={paths.admin()}>← {m.admin.title}</Link>
      </p>
      <h1>{m.tokens.title}</h1>
      <p className="muted">{m.tokens.intro}</p>
      <CreateToken />
      <TokenList ownTokenId={session.info.tokenId} />
    </section>
  );
}

function CreateToken() {
  const { api } = useApp();
  const { m } = useI18n();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("office");
  const [unit, setUnit] = useState("");
  const units = useOp("listUnits", {}, { enabled: role === "office" });
  const create = useMutation({
    mutationFn: () => api.op.createToken({ json: { role, name: name.trim(), ...(role === "office" ? { unit } : {}) } }),
    onSuccess: () => {
      setName("");
      return invalidateAfter(queryClient, "tokens");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const ready = name.trim() !== "" && (role !== "office" || unit !== "");

  if (create.data) return <NewSecret token={create.data.token} record={create.data.record} onDone={() => create.reset()} />;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.tokens.createTitle}</h2>
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>{m.tokens.holder}</label>
        <div>
          <input id={`${id}-name`} required maxLength={200} value={name} aria-describedby={`${id}-hint`} onChange={(e) => setName(e.target.value)} />
          <p id={`${id}-hint`} className="muted small">
            {m.tokens.holderHint}
          </p>
        </div>
        <label htmlFor={`${id}-role`}>{m.tokens.role}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {m.role[r]}
            </option>
          ))}
        </select>
        {role === "office" && (
          <>
            <label htmlFor={`${id}-unit`}>{m.tokens.unit}</label>
            <select id={`${id}-unit`} value={unit} required onChange={(e) => setUnit(e.target.value)}>
              <option value="">{m.tokens.pickUnit}</option>
              {(units.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}（{u.jurisdiction}）
                </option>
              ))}
            </select>
          </>
        )}
        <div className="form-grid-actions">
          <button type="submit" className="primary" disabled={!ready || create.isPending}>
            {create.isPending ? m.tokens.creating : m.tokens.create}
          </button>
        </div>
      </form>
      {create.isError && (
        <p role="alert" className="notice error">
          <ProblemMessage error={create.error} />
        </p>
      )}
    </section>
  );
}

/** The new token's secret, this once, with a copy button. */
function NewSecret({ token, record, onDone }: { token: string; record: TokenRecord; onDone: () => void }) {
  const { m } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const copy = () => {
    const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
    if (!clipboard) return setCopied("failed");
    clipboard.writeText(token).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  };
  return (
    <section className="notice ok secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.tokens.secretTitle(record.name)}</h2>
      <p>{m.tokens.secretOnce}</p>
      <label htmlFor={`${id}-secret`}>{m.tokens.secretLabel}</label>
      <div className="actions">
        <input id={`${id}-secret`} className="secret-value" readOnly value={token} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={copy}>
          {m.tokens.copy}
        </button>
        <span role="status">{copied === "yes" ? m.tokens.copied : copied === "failed" ? m.tokens.copyFailed : ""}</span>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          {m.tokens.done}
        </button>
      </div>
    </section>
  );
}

function TokenList({ ownTokenId }: { ownTokenId: string }) {
  const { m } = useI18n();
  const tokens = useOp("listTokens");
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="tokens-list-title">
      <h2 id="tokens-list-title">{m.tokens.listTitle}</h2>
      <p role="status" className={message ? "notice ok" : undefined}>
        {message}
      </p>
      <AsyncView query={tokens}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{m.tokens.none}</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{m.tokens.holder}</th>
                    <th scope="col">{m.tokens.role}</th>
                    <th scope="col">{m.tokens.unit}</th>
                    <th scope="col">{m.tokens.createdAt}</th>
                    <th scope="col">{m.tokens.lastUsedAt}</th>
                    <th scope="col">{m.tokens.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((t) => (
                    <TokenRow key={t.id} token={t} own={t.id === ownTokenId} onRevoked={() => setMessage(m.tokens.revoked(t.name))} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncView>
    </section>
  );
}

function TokenRow({ token, own, onRevoked }: { token: TokenRecord; own: boolean; onRevoked: () => void }) {
  const { api } = useApp();
  const { m, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api.op.revokeToken({ params: { id: token.id } }),
    onSuccess: async () => {
      setConfirming(false);
      onRevoked();
      await invalidateAfter(queryClient, "tokens");
    },
  });
  const time = (at: string | null) => (at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">{m.tokens.never}</span>);
  return (
    <tr className={token.revokedAt ? "revoked" : undefined}>
      <th scope="row">
        {token.name} {own && <span className="muted small">{m.tokens.self}</span>}
      </th>
      <td>{m.role[token.role]}</td>
      <td>{token.unitId ? unitName(token.unitId) : "—"}</td>
      <td>{time(token.createdAt)}</td>
      <td>{time(token.lastUsedAt)}</td>
      <td>
        {token.revokedAt ? (
          m.tokens.revokedAt(formatDateTime(token.revokedAt))
        ) : confirming ? (
          <div role="group" aria-label={m.tokens.revokeLabel(token.name)}>
            <p className="small">{m.tokens.confirmRevoke(token.name)}</p>
            <button type="button" className="primary" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              {m.tokens.confirm}
            </button>{" "}
            <button type="button" onClick={() => setConfirming(false)}>
              {m.item.cancel}
            </button>
          </div>
        ) : (
          <>
            {m.tokens.active}{" "}
            <button type="button" aria-label={m.tokens.revokeLabel(token.name)} onClick={() => setConfirming(true)}>
              {m.tokens.revoke}
            </button>
          </>
        )}
        {revoke.isError && (
          <p role="alert" className="error small">
            <ProblemMessage error={revoke.error} />
          </p>
        )}
      </td>
    </tr>
  );
}

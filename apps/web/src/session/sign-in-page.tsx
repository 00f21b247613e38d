import { useId, useState, type FormEvent } from "react";
import { isStatus } from "../api/api-error.js";
import { problemText } from "../i18n/problem-text.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { useLocation, useNavigate } from "react-router";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";

/** Only same-site paths are followed after signing in. */
function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : null;
}

/** Sign in with an access token. */
export function SignInPage() {
  const { signIn } = useApp();
  const { m } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const info = await signIn(token.trim());
      navigate(safeNext(location.search) ?? (info.role === "admin" ? paths.admin() : paths.myTasks()), { replace: true });
    } catch (err) {
      setError(isStatus(err, 401, 403) ? m.signIn.invalid : m.signIn.failed(problemText(m, err)));
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{m.signIn.title}</h1>
      <p>{m.signIn.intro}</p>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label htmlFor={`${id}-token`}>{m.signIn.token}</label>
        <input id={`${id}-token`} type="password" autoComplete="current-password" required value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} />
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || token.trim() === ""}>
          {busy ? m.signIn.submitting : m.signIn.submit}
        </button>
      </form>
      <p>
        <Link href={paths.plans()}>{m.signIn.browse}</Link>
      </p>
    </section>
  );
}

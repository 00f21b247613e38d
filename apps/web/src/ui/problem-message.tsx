import { useLocation } from "react-router";
import { useI18n } from "../i18n/i18n.js";
import { problemWords } from "../i18n/problem-text.js";
import { paths } from "../paths.js";
import { Link } from "./link.js";

/**
 * What the page says about a failed request (i18n/problem-text.ts), with a link to sign in again
 * when the API answered 401 (the session ended, e.g. after signing out in another tab).
 */
export function ProblemMessage({ error }: { error: unknown }) {
  const { m } = useI18n();
  const location = useLocation();
  const { text, signIn } = problemWords(m, error);
  return (
    <>
      {text}
      {signIn && (
        <>
          {" "}
          <Link href={paths.signIn(location.pathname + location.search)}>{m.problems.signIn}</Link>
        </>
      )}
    </>
  );
}

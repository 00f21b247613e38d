import { useQueryClient } from "@tanstack/react-query";
import { useCallback, type AnchorHTMLAttributes } from "react";
import { Link as RouterLink } from "react-router";
import { opQuery, taskParams } from "../api/queries.js";
import { useApp } from "../app-context.js";
import { pageChunks } from "../lazy-pages.js";
import { PLAN_ID, TASK_NUMBER } from "../paths.js";

/**
 * A link inside the app (React Router's), that on hover or focus starts what
 * its page will need: the page's chunk and, for a plan or a task, its first
 * request into the query cache.
 */
export function Link({ href, onMouseEnter, onFocus, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const intent = useCallback(() => {
    const [path = ""] = href.split(/[?#]/);
    const [, first, a, b] = path.split("/");
    const prefetch = (chunk: () => Promise<unknown>) => void chunk().catch(() => undefined);
    if (first === "tasks" && a && b && PLAN_ID.test(a) && TASK_NUMBER.test(b)) {
      prefetch(pageChunks.task);
      void queryClient.prefetchQuery(opQuery(api, "getTask", { params: taskParams(`${a}/${b}`) }));
    } else if (first === "plans" && a && PLAN_ID.test(a)) {
      prefetch(pageChunks.plan);
      void queryClient.prefetchQuery(opQuery(api, "getPlan", { params: { planId: a } }));
    } else if (first === "dashboard" || first === "search" || first === "themes" || first === "admin") prefetch(pageChunks[first]);
  }, [api, href, queryClient]);
  return (
    <RouterLink
      to={href}
      onMouseEnter={(event) => {
        onMouseEnter?.(event);
        intent();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        intent();
      }}
      {...rest}
    />
  );
}

import { useEffect, useState } from "react";

/**
 * True while the page is being printed: 我的任务 then mounts its ledger table,
 * a print layout of its own, in place of the screen list.
 */
export function usePrintMode(): boolean {
  const [printing, setPrinting] = useState(() => typeof window.matchMedia === "function" && window.matchMedia("print").matches);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    window.addEventListener("beforeprint", on);
    window.addEventListener("afterprint", off);
    const query = typeof window.matchMedia === "function" ? window.matchMedia("print") : null;
    const onChange = (e: MediaQueryListEvent) => setPrinting(e.matches);
    query?.addEventListener("change", onChange);
    return () => {
      window.removeEventListener("beforeprint", on);
      window.removeEventListener("afterprint", off);
      query?.removeEventListener("change", onChange);
    };
  }, []);
  return printing;
}

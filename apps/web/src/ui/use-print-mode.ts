import { useEffect, useState } from "react";

/**
 * True while the page is being printed. Long lists are virtualised on screen,
 * so the full ledger table is mounted only for printing.
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

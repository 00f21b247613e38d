import { useEffect } from "react";
import { useI18n } from "../i18n/i18n.js";

/**
 * Sets the tab's title to this page's (`我的任务 · 市司法局 - 台账`), in the current language.
 * The shell sets the section's title first (a layout effect, app.tsx); a page that knows more
 * (a plan's or a task's title) names itself with this hook once it has loaded.
 */
export function usePageTitle(title: string | null | undefined): void {
  const { m } = useI18n();
  useEffect(() => {
    if (title) document.title = m.app.documentTitle(title);
  }, [title, m]);
}

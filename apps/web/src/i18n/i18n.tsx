import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatCalendarDate } from "./format-date.js";
import { en } from "./messages-en.js";
import { zh, type Messages } from "./messages-zh.js";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const TABLES: Record<Language, Messages> = { "zh-CN": zh, en };
const STORAGE_KEY = "taizhang.lang";

interface I18nValue {
  lang: Language;
  m: Messages;
  setLang: (lang: Language) => void;
  /** Formats a YYYY-MM-DD date or an ISO instant for this language. */
  formatDate: (value: string) => string;
  formatDateTime: (value: string) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === "en" ? "en" : "zh-CN";
  } catch {
    // Storage can be disabled (private mode, sandboxed frames): the default is fine.
    return "zh-CN";
  }
}

/** Holds the language (zh-CN by default, English on request) and its message table. */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [lang, setLangState] = useState<Language>(() => initial ?? storedLanguage());

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits when storage is unavailable; the switch still works.
    }
  }, []);

  const value = useMemo<I18nValue>(() => {
    // Made on first use: creating a DateTimeFormat is slow the first time in a page, and most pages show no instants.
    let dateTimeFormat: Intl.DateTimeFormat | undefined;
    return {
      lang,
      m: TABLES[lang],
      setLang,
      // Calendar dates carry no time zone: written out from their digits, so no shift can occur.
      formatDate: (value) => formatCalendarDate(lang, value),
      formatDateTime: (value) => {
        const date = new Date(value);
        if (Number.isNaN(date.getTime())) return value;
        dateTimeFormat ??= new Intl.DateTimeFormat(lang, {
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          timeZone: "Asia/Shanghai",
        });
        return dateTimeFormat.format(date);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's messages and formatters. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

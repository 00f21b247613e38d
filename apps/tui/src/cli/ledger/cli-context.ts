import { LANGS, translator, type Lang, type Translate } from "../../ui/i18n.js";

/** The language of labels: `--lang`, else Chinese. */
export function cliLang(value: string | undefined): Lang | null {
  if (value === undefined) return "zh";
  return (LANGS as readonly string[]).includes(value) ? (value as Lang) : null;
}

export function cliTranslator(lang: Lang): Translate {
  return translator(lang);
}

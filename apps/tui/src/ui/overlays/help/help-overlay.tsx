import type { ReactNode } from "react";
import { useMemo } from "react";
import type { Lang, Translate } from "../../i18n.js";
import { footerHints, HELP_KEYS } from "../../input/keymap.js";
import { hintFooter, Page } from "../../app/frame.js";
import { helpLines } from "./help-lines.js";
import { useHelpState } from "./use-help-state.js";
import { useHelp } from "./use-help.js";

export interface HelpOverlayProps {
  isActive: boolean;
  inner: number;
  height: number;
  t: Translate;
  lang: Lang;
  onClose(): void;
}

/** The help screen: every key of every context, from the keymap; it scrolls when taller than the terminal. */
export function HelpOverlay({ isActive, inner, height, t, lang, onClose }: HelpOverlayProps): ReactNode {
  const lines = useMemo(() => helpLines(inner, t, lang), [inner, t, lang]);
  const state = useHelpState({ lineCount: lines.length, height });
  useHelp({ isActive, state, height, onClose });
  const more = lines.length > height ? ` ${state.offset + 1}–${Math.min(lines.length, state.offset + height)}/${lines.length}` : "";
  const hints = footerHints(HELP_KEYS, Math.max(0, inner - more.length), t, lang);
  return <Page inner={inner} header={null} lines={lines.slice(state.offset, state.offset + height)} height={height} footer={hintFooter(hints, more, inner)} />;
}

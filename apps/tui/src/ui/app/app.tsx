import type { PlanSummary, ProgressPatch } from "@taizhang/core";
import { useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from "react";
import type { DataSource, Identity, ProgressRow } from "../../data/data-source.js";
import { statusLabel, translator, type Lang } from "../i18n.js";
import { filterLines, footerHints, helpLines, noteTitle, personTitle, statusLines } from "../overlays/overlay-lines.js";
import { unitName } from "../screens/format.js";
import type { Row, ScreenContext, ScreenRef, Segment } from "../screens/screen-types.js";
import { line } from "../screens/table.js";
import { fit, promptText, wrap } from "../text/index.js";
import { appReducer, initialState } from "./app-state.js";
import { AppView, type ViewLine } from "./app-view.js";
import { scrollFor, settle, top } from "./navigation.js";
import { useAppInput } from "./use-app-input.js";
import { useScreenContent } from "./use-screen-content.js";
import { useTerminalSize } from "./use-terminal-size.js";

export interface AppProps {
  ds: DataSource;
  /** "Today" for deadlines: now, or the `--as-of` date. */
  asOf: Date;
  lang: Lang;
  /** The unit of "my checklist": `--unit`, or the office token's unit. */
  unit: string | null;
  root?: ScreenRef;
  dueSoonDays?: number;
}

const NO_ROWS: readonly Row[] = [];


/** The terminal UI: a stack of screens over a data source, with overlays for help, search, filter and updates. */
export function App({ ds, asOf, lang, unit, root = { kind: "plans" }, dueSoonDays = 30 }: AppProps): ReactNode {
  const t = useMemo(() => translator(lang), [lang]);
  const ctx = useMemo<ScreenContext>(() => ({ ds, asOf, lang, t, dueSoonDays }), [ds, asOf, lang, t, dueSoonDays]);
  const [state, dispatch] = useReducer(appReducer, root, initialState);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [plans, setPlans] = useState<readonly PlanSummary[]>([]);
  const size = useTerminalSize();
  const width = size.columns;
  const inner = Math.max(10, width - 2);
  const bodyHeight = Math.max(3, size.rows - 4);

  useEffect(() => {
    let live = true;
    void ds.whoami().then((r) => {
      if (live && r.ok) setIdentity(r.value);
    });
    void ds.listPlans().then((r) => {
      if (live && r.ok) setPlans(r.value);
    });
    return () => {
      live = false;
    };
  }, [ds]);

  const rawCurrent = top(state.stack);
  const load = useScreenContent(rawCurrent.ref, state.reload, ctx);
  const content = load.content;
  const laid = useMemo(() => (content ? content.layout(inner) : null), [content, inner]);
  const rows = laid?.rows ?? NO_ROWS;

  // A fresh screen's cursor (-1), or one past the end of a list that shrank, is shown on the nearest selectable row.
  const current = useMemo(() => settle(rawCurrent, rows, bodyHeight), [rawCurrent, rows, bodyHeight]);

  const save = useCallback(
    (target: ProgressRow, patch: ProgressPatch) => {
      void ds
        .updateProgress({ itemId: target.itemId, unitId: target.unitId, expectedVersion: target.progress.version, patch })
        .then((result) => {
          const what = `${target.itemId} ${unitName(target.unitId)}${patch.status ? ` → ${statusLabel(patch.status, lang)}` : ""}`;
          if (result.ok) dispatch({ type: "message", message: { tone: "ok", text: t("saved", { what }) } });
          else if (result.error.kind === "conflict")
            dispatch({ type: "message", message: { tone: "error", text: t("conflict", { v: result.error.current?.version ?? "?" }) } });
          else dispatch({ type: "message", message: { tone: "error", text: `${t("error")}: ${result.error.message}` } });
          dispatch({ type: "reload" });
        });
    },
    [ds, lang, t],
  );

  useAppInput({ state, current, dispatch, rows, content, bodyHeight, plans, identity, defaultUnit: unit ?? identity?.unitId ?? null, t, save });

  const { overlay } = state;
  let body: ViewLine[];
  let header: Segment[] | null = laid?.header?.segments ?? null;
  if (overlay?.kind === "help") {
    body = helpLines(inner, t);
    header = null;
  } else if (overlay?.kind === "status") {
    body = statusLines(overlay, inner, t);
    header = null;
  } else if (overlay?.kind === "filter") {
    body = filterLines(overlay, plans, inner, t, lang);
    header = null;
  } else if (load.status === "error" && !content) {
    body = [`${t("error")}: ${load.error.message}`, t("retryHint")].flatMap((text, i) =>
      wrap(text, inner).map((l, j) => ({ key: `e${i}-${j}`, segments: line(l, inner, i === 0 ? { color: "red" } : { dim: true }), selected: false })),
    );
  } else if (!content) {
    body = [{ key: "loading", segments: line(t("loading"), inner, { dim: true }), selected: false }];
  } else if (rows.length === 0) {
    body = [{ key: "empty", segments: line(t("empty"), inner, { dim: true }), selected: false }];
  } else {
    const offset = scrollFor(Math.max(0, current.cursor), current.offset, bodyHeight, rows.length);
    body = rows.slice(offset, offset + bodyHeight).map((r, i) => ({ key: r.key, segments: r.segments, selected: offset + i === current.cursor }));
  }

  let footer: Segment[];
  // Prompts keep the end of what is typed in sight, cutting their title first.
  if (overlay?.kind === "search") footer = line(promptText(t("search"), overlay.value, inner), inner, { color: "cyan" });
  else if (overlay?.kind === "note") footer = line(promptText(noteTitle(overlay, t), overlay.value, inner), inner, { color: "cyan" });
  else if (overlay?.kind === "person") footer = line(promptText(personTitle(overlay, t), overlay.value, inner), inner, { color: "cyan" });
  else if (load.status === "error" && content) footer = line(`${t("error")}: ${load.error.message}`, inner, { color: "red" });
  else if (state.message)
    footer = line(state.message.text, inner, { color: state.message.tone === "error" ? "red" : state.message.tone === "ok" ? "green" : "yellow" });
  else {
    const position = rows.length > 0 && current.cursor >= 0 ? ` ${current.cursor + 1}/${rows.length}` : "";
    footer = [{ text: fit(footerHints(lang), Math.max(0, inner - position.length)), dim: true }, { text: position, dim: true }];
  }

  const badge = identity
    ? `[${identity.kind === "local" ? t("local") : t("remote")} ${identity.location} · ${identity.name}]`
    : "";
  const title = `${t("appName")} › ${content?.title ?? t("loading")}`;
  return <AppView width={width} title={title} badge={badge} header={header} body={body} bodyHeight={bodyHeight} footer={footer} />;
}

import { useApp } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { DataError } from "../../data/data-result.js";
import type { DataSource, ProgressRow, TaskQuery } from "../../data/data-source.js";
import { statusLabel, translator, type LabelKey, type Lang, type Translate } from "../i18n.js";
import { footerHints, SCREEN_KEYS, shortcutFor } from "../input/keymap.js";
import { KeyQueueProvider } from "../input/key-queue-provider.js";
import { useLatestReducer } from "../input/use-latest-reducer.js";
import { errorText, FIELD_LABELS, refusalText } from "../messages.js";
import { FilterPanel } from "../overlays/filter/filter-panel.js";
import { HelpOverlay } from "../overlays/help/help-overlay.js";
import { Prompt } from "../overlays/prompt/prompt.js";
import { StatusPicker } from "../overlays/status-picker/status-picker.js";
import { targetLabel } from "../overlays/target-label.js";
import { UnitPicker } from "../overlays/unit-picker/unit-picker.js";
import { unitName } from "../screens/format.js";
import type { Row, ScreenContext, ScreenRef, Segment } from "../screens/screen-types.js";
import { line } from "../screens/table.js";
import { wrap } from "../text/index.js";
import { appReducer, initialState, type Message } from "./app-state.js";
import { BodyLines, FooterLine, footerLine, Frame, HeaderLine, hintFooter, visibleLines, type ViewLine } from "./frame.js";
import { scrollFor, settle, top } from "./navigation.js";
import { fieldText, readField, type ProgressField, type TextField } from "./progress-fields.js";
import { progressTarget } from "./progress-target.js";
import { useProgressWriter, type SaveRequest } from "./use-progress-writer.js";
import { useScreenContent } from "./use-screen-content.js";
import { useScreenInput } from "./use-screen-input.js";
import { useSession } from "./use-session.js";
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
  /** How long to wait before trying an offline server again. */
  retryMs?: number;
}

const NO_ROWS: readonly Row[] = [];

/** What each field's prompt asks. */
const PROMPT_TITLES: Record<TextField, LabelKey> = { note: "addNote", responsiblePerson: "setPerson", percent: "setPercent" };

/** The terminal UI: a stack of screens over a data source, with overlays for help, search, filter and updates. */
export function App(props: AppProps): ReactNode {
  return (
    <KeyQueueProvider>
      <Screens {...props} />
    </KeyQueueProvider>
  );
}

const TONE_COLORS: Record<Message["tone"], Segment["color"]> = { error: "red", ok: "green", info: "yellow" };

function Screens({ ds, asOf, lang, unit, root = { kind: "plans" }, dueSoonDays = 30, retryMs = 5000 }: AppProps): ReactNode {
  const { exit } = useApp();
  const t = useMemo(() => translator(lang), [lang]);
  const ctx = useMemo<ScreenContext>(() => ({ ds, asOf, lang, t, dueSoonDays }), [ds, asOf, lang, t, dueSoonDays]);
  const [state, dispatch, latestState] = useLatestReducer(appReducer, () => initialState(root));
  const [generation, setGeneration] = useState(0);
  const session = useSession(ds, unit, generation);
  const size = useTerminalSize();
  const width = size.columns;
  const inner = Math.max(10, width - 2);
  const bodyHeight = Math.max(3, size.rows - 4);

  const rawCurrent = top(state.stack);
  const load = useScreenContent(rawCurrent.ref, state.reload, state.retry, ctx);
  // The first screen is shown once the keys can act on it too: what is seen can be used.
  const content = session.ready ? load.content : null;
  const laid = useMemo(() => (content ? content.layout(inner) : null), [content, inner]);
  const rows = laid?.rows ?? NO_ROWS;
  // A fresh screen's cursor (-1), or one past the end of a list that shrank, is shown on the nearest selectable row.
  const current = useMemo(() => settle(rawCurrent, rows, bodyHeight), [rawCurrent, rows, bodyHeight]);

  // A server that does not answer: the screen keeps what it last had, marked offline, and is tried again.
  const offline = ds.origin.kind === "remote" && load.error?.kind === "unavailable";
  useEffect(() => {
    if (!offline) return;
    const timer = setTimeout(() => dispatch({ type: "retry" }), retryMs);
    return () => clearTimeout(timer);
  }, [offline, load.finished, retryMs, dispatch]);
  const wasOffline = useRef(false);
  useEffect(() => {
    // Back online: who I am and the plans may have been missed while it was down.
    if (wasOffline.current && !offline) setGeneration((g) => g + 1);
    wasOffline.current = offline;
  }, [offline]);

  const say = useCallback((message: Message) => dispatch({ type: "message", message }), [dispatch]);
  const reload = useCallback(() => dispatch({ type: "reload" }), [dispatch]);
  const report = useCallback(
    (request: SaveRequest, outcome: { ok: true } | { ok: false; error: DataError; draftKept: boolean }): Message => {
      const { target, field, patch } = request;
      if (outcome.ok) return { tone: "ok", text: t("saved", { what: savedWhat(target, field, patch, t, lang) }) };
      const why = errorText(outcome.error, { op: "save", field, target }, t, lang);
      const kept = outcome.draftKept ? t("draftKept", { key: shortcutFor(SCREEN_KEYS, fieldAction(field), lang) }) : "";
      return { tone: "error", text: `${why}${kept}` };
    },
    [t, lang, ds.origin],
  );
  const writer = useProgressWriter({ ds, report, say, reload });

  const close = useCallback(() => dispatch({ type: "overlay", overlay: null }), [dispatch]);

  const edit = (field: ProgressField, selected: Row | undefined): void => {
    const choice = progressTarget(rows, selected, session.unit?.id ?? null);
    if (!choice.ok) {
      const text = choice.why === "noProgress" ? t("noProgressRow") : t("noOwnLine", { unit: unitName(choice.unit) });
      return say({ tone: "info", text });
    }
    if (session.identity && !session.identity.canWrite) return say({ tone: "error", text: t("readOnly") });
    const { target } = choice;
    if (field === "status") return dispatch({ type: "overlay", overlay: { kind: "status", target } });
    const initial = writer.takeDraft(field, target) ?? fieldText(field, target.progress);
    dispatch({ type: "overlay", overlay: { kind: "prompt", field, target, initial } });
  };

  const submitField = (field: TextField, target: ProgressRow, value: string): string | null => {
    const reading = readField(field, value, target.progress);
    const name = t(FIELD_LABELS[field]);
    switch (reading.kind) {
      case "refused":
        return `${refusalText(reading.refusal, t)}${t("fixOrCancel")}`;
      case "empty":
        close();
        say({ tone: "info", text: t("emptyNotSaved", { field: name }) });
        return null;
      case "unchanged":
        close();
        say({ tone: "info", text: t("unchanged", { field: name }) });
        return null;
      case "patch":
        close();
        writer.save({ target, field, patch: reading.patch, draft: value });
        return null;
    }
  };

  const myChecklist = (): void => {
    if (session.unit) return dispatch({ type: "root", ref: { kind: "checklist", unit: session.unit.id } });
    // A --unit that named no unit (or several) is shown on the checklist screen, which says why.
    if (unit !== null) return dispatch({ type: "root", ref: { kind: "checklist", unit } });
    dispatch({ type: "overlay", overlay: { kind: "unit", open: true } });
  };

  const { overlay } = state;
  const screenReady = !load.blocking && session.ready && !writer.saving;
  useScreenInput({
    isActive: overlay === null && screenReady,
    place: () => settle(top(latestState().stack), rows, bodyHeight),
    rows,
    content,
    bodyHeight,
    dispatch,
    edit,
    myChecklist,
    quit: exit,
  });

  const describeLoad = (error: DataError): string => errorText(error, { op: "load", ref: rawCurrent.ref }, t, lang);
  const identity = session.identity;
  const where = identity ? `${identity.location} · ${identity.name}` : ds.origin.location;
  const badge = `[${ds.origin.kind === "local" ? t("local") : t("remote")} ${where}]`;
  const title = `${t("appName")} › ${content?.title ?? t("loading")}`;
  const frame = (children: ReactNode): ReactNode => (
    <Frame width={width} title={title} badge={badge} mark={offline ? t("offline") : null}>
      {children}
    </Frame>
  );
  // Overlays take the keys once the screen under them is ready, so keys typed ahead reach them in order.
  const overlayActive = session.ready && !writer.saving;

  switch (overlay?.kind) {
    case "help":
      return frame(<HelpOverlay isActive={overlayActive} inner={inner} height={bodyHeight} t={t} lang={lang} onClose={close} />);
    case "status": {
      const { target } = overlay;
      const choose = (status: ProgressRow["progress"]["status"]): void => {
        close();
        if (status === target.progress.status) return say({ tone: "info", text: t("unchanged", { field: t("fieldStatus") }) });
        writer.save({ target, field: "status", patch: { status }, draft: null });
      };
      return frame(<StatusPicker isActive={overlayActive} target={target} inner={inner} height={bodyHeight} t={t} lang={lang} onChoose={choose} onCancel={close} />);
    }
    case "filter": {
      const apply = (query: TaskQuery): void => {
        close();
        dispatch({ type: rawCurrent.ref.kind === "tasks" ? "replace" : "push", ref: { kind: "tasks", query } });
      };
      return frame(
        <FilterPanel isActive={overlayActive} initial={overlay.draft} plans={session.plans} inner={inner} height={bodyHeight} t={t} lang={lang} onApply={apply} onCancel={close} />,
      );
    }
    case "unit": {
      const open = overlay.open;
      const choose = (chosen: Parameters<typeof session.chooseUnit>[0]): void => {
        close();
        session.chooseUnit(chosen);
        if (open) dispatch({ type: "root", ref: { kind: "checklist", unit: chosen.id } });
      };
      return frame(
        <UnitPicker
          isActive={overlayActive}
          ds={ds}
          inner={inner}
          height={bodyHeight}
          t={t}
          lang={lang}
          describeError={(error) => errorText(error, { op: "units" }, t, lang)}
          onChoose={choose}
          onCancel={close}
        />,
      );
    }
    default:
      break;
  }

  // The screen, with a prompt or the status line in its footer.
  let body: ViewLine[];
  const header: Segment[] | null = laid?.header?.segments ?? null;
  if (!content && load.error) {
    const retryNote = offline ? t("retrying", { s: Math.round(retryMs / 1000) }) : "";
    body = [describeLoad(load.error), `${t("retryHint")}${retryNote}`].flatMap((text, i) =>
      wrap(text, inner).map((l, j) => ({ key: `e${i}-${j}`, segments: line(l, inner, i === 0 ? { color: "red" } : { dim: true }), selected: false })),
    );
  } else if (!content) {
    body = [{ key: "loading", segments: line(t("loading"), inner, { dim: true }), selected: false }];
  } else if (rows.length === 0) {
    const empty = content.empty ?? [t("empty")];
    body = empty.flatMap((text, i) => wrap(text, inner).map((l, j) => ({ key: `empty-${i}-${j}`, segments: line(l, inner, { dim: i > 0 }), selected: false })));
  } else {
    const offset = scrollFor(Math.max(0, current.cursor), current.offset, bodyHeight, rows.length);
    body = visibleLines(rows, offset, bodyHeight, current.cursor);
  }

  let footer: ReactNode;
  if (overlay?.kind === "search") {
    const { planId } = overlay;
    const search = (value: string): string | null => {
      close();
      const text = value.trim();
      if (text) dispatch({ type: "push", ref: { kind: "tasks", query: planId ? { planId, text } : { text } } });
      return null;
    };
    footer = <Prompt isActive={overlayActive} title={t("search")} initial="" inner={inner} onSubmit={search} onCancel={close} />;
  } else if (overlay?.kind === "prompt") {
    const { field, target } = overlay;
    footer = (
      <Prompt
        isActive={overlayActive}
        title={`${t(PROMPT_TITLES[field])} · ${targetLabel(target)}`}
        initial={overlay.initial}
        inner={inner}
        onSubmit={(value) => submitField(field, target, value)}
        onCancel={close}
      />
    );
  } else {
    let segments: Segment[];
    if (load.error && content) {
      const text = offline ? t("offlineStale", { what: describeLoad(load.error), s: Math.round(retryMs / 1000) }) : describeLoad(load.error);
      segments = footerLine(text, inner, { color: "red" });
    } else if (state.message) segments = footerLine(state.message.text, inner, { color: TONE_COLORS[state.message.tone] });
    else {
      const position = rows.length > 0 && current.cursor >= 0 ? ` ${current.cursor + 1}/${rows.length}` : "";
      segments = hintFooter(footerHints(SCREEN_KEYS, Math.max(0, inner - position.length), t, lang), position, inner);
    }
    footer = <FooterLine segments={segments} />;
  }
  return frame(
    <>
      <HeaderLine inner={inner} segments={header} />
      <BodyLines lines={body} height={bodyHeight} />
      {footer}
    </>,
  );
}

/** The action whose key opens a field's prompt again (the draft is kept for it). */
function fieldAction(field: ProgressField): "status" | "percent" | "note" | "person" {
  return field === "responsiblePerson" ? "person" : field;
}

/** "chengdu-2015/3#m1 市政府法制办 → 进行中" and the like: what a write changed. */
function savedWhat(target: ProgressRow, field: ProgressField, patch: SaveRequest["patch"], t: Translate, lang: Lang): string {
  const where = `${target.itemId} ${unitName(target.unitId)}`;
  switch (field) {
    case "status":
      return patch.status ? `${where} → ${statusLabel(patch.status, lang)}` : where;
    case "percent":
      return `${where} · ${t("fieldPercent")} ${patch.percent ?? ""}%`;
    case "note":
      return `${where} · ${t("fieldNote")}`;
    case "responsiblePerson":
      return `${where} · ${t("fieldPerson")} ${patch.responsiblePerson?.name ?? t("nobody")}`;
  }
}

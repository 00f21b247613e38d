import type { ProblemCode } from "@taizhang/contract";
import type { DataError, DataErrorKind } from "./data-result.js";

// Light on purpose (no core, no zod): the CLI reports errors with it before anything heavy is loaded.

export type MessageLang = "zh" | "en";

/** What a request was about, as the data source knows it: the words name it when the problem's own do not. */
export type Subject =
  | { kind: "task"; id: string }
  | { kind: "plan"; id: string }
  | { kind: "unit"; id: string }
  | { kind: "item"; id: string; unit: string };

/**
 * Why a data source could not answer, without words: the catalogue below
 * puts it in Chinese or English. Every {@link DataError} the TUI and the CLI
 * show is said this way, never in the source's own (English, technical) text.
 */
export type Said =
  | { key: "serverDown"; url: string }
  | { key: "storeFailed"; dir: string }
  /** An embedded store's folder that is missing (or a file); what else to give: a server (no server answered at `url`) or a PostgreSQL URL. */
  | { key: "noStoreFolder"; dir: string; isFile: boolean; orElse: { kind: "api"; url: string } | { kind: "databaseUrl" } | null }
  | { key: "noSuchUnit"; name: string }
  | { key: "ambiguousUnit"; name: string; candidates: readonly string[] }
  /** A problem of the contract (or a status without one, `code` null), with what it was about and the field that failed. */
  | {
      key: "problem";
      code: ProblemCode | null;
      subject: Subject | null;
      field: string | null;
      hasToken: boolean;
      version: number | null;
      /** The problem's own code beside the contract's, when it has one: what is wrong with a ledger file (no_header, …). */
      detailCode?: string | null;
    };

type Words = { zh: string; en: string };

/** The catalogue: every message for a problem, in both languages. `{x}` is filled in. */
const MESSAGES = {
  serverDown: { zh: "服务器 {url} 无响应", en: "the server at {url} does not answer" },
  storeFailed: { zh: "无法打开 {dir} 中的存储", en: "cannot open the store in {dir}" },
  noStoreFolder: {
    zh: "{dir} 中没有存储:{why};请用 --data 指定服务器的数据文件夹{orApi}",
    en: "no store in {dir}: {why}; give --data with the server's data folder{orApi}",
  },
  noStoreFolderMissing: { zh: "该文件夹不存在", en: "the folder does not exist" },
  noStoreFolderFile: { zh: "这是一个文件,不是文件夹", en: "it is a file, not a folder" },
  noStoreFolderOrApi: { zh: ",或用 --api URL 指定服务器({url} 无响应)", en: ", or --api URL (no server answers at {url})" },
  noStoreFolderOrDatabaseUrl: { zh: ",或用 --database-url URL 指定数据库", en: ", or --database-url URL" },
  noSuchUnit: { zh: "没有名为“{name}”的单位", en: "no unit named {name}" },
  ambiguousUnit: { zh: "“{name}”对应多个单位:{candidates};请给出其中一个单位编号", en: "{name} names several units: {candidates}; give one of these ids" },
  noSuchTask: { zh: "没有任务 {id}", en: "no task {id}" },
  noSuchPlan: { zh: "没有规划 {id}", en: "no plan {id}" },
  noSuchItem: { zh: "{unit} 没有事项 {id} 的进展行", en: "no progress for {id} and {unit}" },
  notFound: { zh: "未找到所请求的内容", en: "not found" },
  needsToken: { zh: "需要令牌:用 --token 或 TAIZHANG_TOKEN 提供", en: "this needs a token: give one with --token or TAIZHANG_TOKEN" },
  badToken: { zh: "令牌无效或已被撤销", en: "the token is not valid or has been revoked" },
  forbiddenItem: { zh: "此令牌无权修改 {unit} 的事项 {id}", en: "this token may not change the item {id} of {unit}" },
  forbidden: { zh: "此令牌无权执行此操作", en: "this token may not do this" },
  crossOrigin: { zh: "拒绝来自其他站点的写入", en: "a write from another site is refused" },
  misdirected: { zh: "该服务器不接受这个主机名", en: "the server does not serve this host name" },
  stale: { zh: "他人已先修改(版本{v}),请重新读取后再试", en: "someone else changed it first (version {v}); read it again and retry" },
  conflict: { zh: "与已保存的内容冲突", en: "it conflicts with what is stored" },
  planExists: { zh: "已存有编号相同的规划;用 --replace 替换", en: "a plan with this id is already stored; add --replace to replace it" },
  planDiffers: {
    zh: "已存的同编号规划标题、文号或辖区不同;确认后用 --replace-different 替换",
    en: "the stored plan of this id has another title, 文号 or jurisdiction; add --replace-different to replace it",
  },
  unitsNamedByPlan: { zh: "规划中仍列有这些单位,不能删除", en: "the plan still names these units" },
  bulkRejected: { zh: "批量修改被拒绝,未写入任何内容", en: "the bulk change was refused; nothing was written" },
  importRejected: { zh: "有被拒绝的行,未写入任何内容", en: "rows were refused, so nothing was written" },
  preconditionRequired: { zh: "修改须带上读取时的版本", en: "a change needs the version it was based on" },
  invalidField: { zh: "{field}的值不被接受", en: "{field}: the value is not accepted" },
  percentField: { zh: "完成百分比须是 0 到 100 的整数", en: "percent complete must be a whole number from 0 to 100" },
  statusField: { zh: "状态须是 未开始、进行中、已完成、受阻、不适用 之一", en: "the status must be one of not started, in progress, done, blocked, not applicable" },
  evidenceUrlField: { zh: "{field}须是 http 或 https 网址", en: "{field} must be an http or https address" },
  notStorable: { zh: "{field}含有无法保存的字符(控制字符或不成对的代理项)", en: "{field} holds a character that cannot be stored (a control character or a lone surrogate)" },
  invalidRequest: { zh: "请求无效", en: "the request is not valid" },
  malformed: { zh: "请求不是有效的 JSON", en: "the request is not valid JSON" },
  tooLarge: { zh: "内容过大,超出服务器的限制", en: "it is larger than the server accepts" },
  unsupportedType: { zh: "服务器不接受这种文件类型", en: "the server does not take this kind of file" },
  importFailed: { zh: "无法读取规划文本", en: "the plan text could not be read" },
  progressInconsistent: {
    zh: "状态与完成百分比不一致:未开始为0%,进行中为0–99%,已完成为100%",
    en: "the status and the percent disagree: not started is 0 %, in progress 0–99 %, done 100 %",
  },
  planTooLarge: { zh: "规划过大,超出服务器的限制,未保存", en: "the plan is larger than the server's limits; not stored" },
  jurisdictionUnconfirmed: { zh: "无法确定规划的辖区:请用 --jurisdiction 指定", en: "the plan's jurisdiction is not certain: give --jurisdiction NAME" },
  invalidLedgerFile: { zh: "台账文件无法读取(不是导出的 .xlsx 或 CSV)", en: "the ledger file cannot be read (not an exported .xlsx or CSV)" },
  ledgerUnreadable: { zh: "台账文件已损坏或无法读取:请重新导出或另存为 .xlsx 或 CSV", en: "the ledger file is damaged or cannot be read: export it again, or save it as .xlsx or CSV" },
  ledgerNotSpreadsheet: { zh: "不是电子表格:请以 .xlsx 或 CSV 格式提供台账", en: "not a spreadsheet: give the ledger as .xlsx or CSV" },
  ledgerTooLarge: { zh: "台账文件过大,超出限制", en: "the ledger file is larger than the limit" },
  ledgerEmpty: { zh: "台账文件是空的(没有数据行)", en: "the ledger file is empty (no rows)" },
  ledgerFormula: { zh: "应填值的单元格中是公式或错误值:请粘贴为数值后重试", en: "cells where values belong hold formulas or errors: paste them as values and try again" },
  ledgerNoHeader: { zh: "没有台账的表头行(事项编号、单位编号、版本、状态…):请使用台账导出的文件", en: "no header row naming the ledger's columns (事项编号, 单位编号, 版本, 状态, …): use a ledger exported by Taizhang" },
  ledgerMissingColumns: { zh: "缺少台账的列:请保留导出台账的全部列(包括隐藏列)", en: "columns of the ledger are missing: keep every column of the exported ledger, hidden ones too" },
  headersTooLarge: { zh: "请求头过大", en: "the request headers are too large" },
  rateLimited: { zh: "请求过于频繁,请稍后再试", en: "too many requests; try again shortly" },
  serverError: { zh: "服务器内部出错,请稍后再试或联系管理员", en: "the server failed; try again later or tell its administrator" },
  notReady: { zh: "服务器尚未就绪或繁忙,请稍后再试", en: "the server is not ready or busy; try again shortly" },
} as const satisfies Record<string, Words>;
type MessageKey = keyof typeof MESSAGES;

/** The fields of a request in words, by the last parts of their path (body.responsiblePerson.name → 责任人姓名). */
const FIELD_WORDS: Record<string, Words> = {
  status: { zh: "状态", en: "the status" },
  percent: { zh: "完成百分比", en: "percent complete" },
  note: { zh: "进展说明", en: "the progress note" },
  comment: { zh: "变更说明", en: "the comment" },
  evidence: { zh: "佐证材料", en: "the evidence" },
  "evidence.url": { zh: "佐证材料的链接", en: "the evidence's link" },
  "evidence.description": { zh: "佐证材料的说明", en: "the evidence's description" },
  measuredValue: { zh: "实测值", en: "the measured value" },
  "measuredValue.value": { zh: "实测值的数值", en: "the measured value's number" },
  "measuredValue.unit": { zh: "实测值的单位", en: "the measured value's unit" },
  responsiblePerson: { zh: "责任人", en: "the responsible person" },
  "responsiblePerson.name": { zh: "责任人姓名", en: "the responsible person's name" },
  "responsiblePerson.post": { zh: "责任人职务", en: "the responsible person's post" },
  "responsiblePerson.contact": { zh: "责任人联系方式", en: "the responsible person's contact" },
  "if-match": { zh: "版本(If-Match)", en: "the version (If-Match)" },
  unitId: { zh: "单位", en: "the unit" },
  planId: { zh: "规划编号", en: "the plan id" },
  taskId: { zh: "任务编号", en: "the task id" },
  itemId: { zh: "事项编号", en: "the item id" },
  asOf: { zh: "日期", en: "the date" },
  q: { zh: "搜索词", en: "the search words" },
  limit: { zh: "每页条数", en: "the page size" },
  cursor: { zh: "翻页位置", en: "the page cursor" },
  offset: { zh: "起始位置", en: "the offset" },
  name: { zh: "名称", en: "the name" },
  role: { zh: "角色", en: "the role" },
};

/**
 * A request field's name in words: `body.evidence.0.url` is 佐证材料的链接,
 * `note` 进展说明; a path the table does not know is shown as it is.
 */
export function fieldWords(path: string, lang: MessageLang): string {
  const parts = path.split(".").filter((p) => !/^\d+$/.test(p) && !["body", "query", "params", "header", "json"].includes(p));
  for (let take = Math.min(2, parts.length); take >= 1; take--) {
    const words = FIELD_WORDS[parts.slice(-take).join(".")] ?? FIELD_WORDS[parts.slice(0, take).join(".")];
    if (words) return words[lang];
  }
  return path;
}

function say(key: MessageKey, lang: MessageLang, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The words of a problem of the contract, naming what it was about and the field in words. */
function problemWords(said: Extract<Said, { key: "problem" }>, lang: MessageLang): string {
  const { code, subject, field } = said;
  const fieldName = field !== null ? fieldWords(field, lang) : null;
  switch (code) {
    case "not-found":
      if (subject?.kind === "task") return say("noSuchTask", lang, { id: subject.id });
      if (subject?.kind === "plan") return say("noSuchPlan", lang, { id: subject.id });
      if (subject?.kind === "unit") return say("noSuchUnit", lang, { name: subject.id });
      if (subject?.kind === "item") return say("noSuchItem", lang, { id: subject.id, unit: subject.unit });
      return say("notFound", lang);
    case "unauthorized":
      return say(said.hasToken ? "badToken" : "needsToken", lang);
    case "invalid-token":
      return say("badToken", lang);
    case "forbidden":
      return subject?.kind === "item" ? say("forbiddenItem", lang, { id: subject.id, unit: subject.unit }) : say("forbidden", lang);
    case "cross-origin-write":
      return say("crossOrigin", lang);
    case "misdirected-request":
      return say("misdirected", lang);
    case "stale-version":
      return say("stale", lang, { v: said.version ?? "?" });
    case "conflict":
      return said.version !== null ? say("stale", lang, { v: said.version }) : say("conflict", lang);
    case "plan-exists":
      return say("planExists", lang);
    case "plan-differs":
      return say("planDiffers", lang);
    case "units-named-by-plan":
      return say("unitsNamedByPlan", lang);
    case "bulk-rejected":
      return say("bulkRejected", lang);
    case "import-rejected":
      return say("importRejected", lang);
    case "precondition-required":
      return say("preconditionRequired", lang);
    case "validation-failed":
    case "invalid-request":
      if (fieldName === null) return say("invalidRequest", lang);
      if (field !== null && /(^|\.)percent$/.test(field)) return say("percentField", lang);
      if (field !== null && /(^|\.)status$/.test(field)) return say("statusField", lang);
      if (field !== null && /(^|\.)evidence\.\d+\.url$/.test(field)) return say("evidenceUrlField", lang, { field: fieldName });
      return say("invalidField", lang, { field: fieldName });
    case "text-not-storable":
      return say("notStorable", lang, { field: fieldName ?? fieldWords("note", lang) });
    case "malformed-json":
      return say("malformed", lang);
    case "payload-too-large":
      return say("tooLarge", lang);
    case "unsupported-media-type":
      return say("unsupportedType", lang);
    case "import-failed":
      return say("importFailed", lang);
    case "plan-too-large":
      return say("planTooLarge", lang);
    case "progress-inconsistent":
      return say("progressInconsistent", lang);
    case "jurisdiction-unconfirmed":
      return say("jurisdictionUnconfirmed", lang);
    case "invalid-ledger-file":
      return say(LEDGER_FILE_WORDS[said.detailCode ?? ""] ?? "invalidLedgerFile", lang);
    case "headers-too-large":
      return say("headersTooLarge", lang);
    case "rate-limited":
      return say("rateLimited", lang);
    case "internal-error":
      return say("serverError", lang);
    case "not-ready":
    case "busy":
      return say("notReady", lang);
    case null:
      return say("invalidRequest", lang);
  }
}

/** What is wrong with a ledger file (exchange's LedgerFileProblem), in words. */
const LEDGER_FILE_WORDS: Record<string, MessageKey> = {
  unreadable: "ledgerUnreadable",
  not_spreadsheet: "ledgerNotSpreadsheet",
  too_large: "ledgerTooLarge",
  empty: "ledgerEmpty",
  formula: "ledgerFormula",
  no_header: "ledgerNoHeader",
  missing_columns: "ledgerMissingColumns",
};

/** Words by the kind alone, for an error said no other way. */
const KIND_WORDS: Record<DataErrorKind, MessageKey> = {
  not_found: "notFound",
  forbidden: "forbidden",
  invalid: "invalidRequest",
  conflict: "conflict",
  unavailable: "notReady",
};

/** A data source's error in words, from the catalogue: what the TUI's status line and the CLI's one error line say. */
export function problemText(error: DataError, lang: MessageLang): string {
  const said = error.said;
  let text: string;
  switch (said?.key) {
    case "serverDown":
      text = say("serverDown", lang, { url: said.url });
      break;
    case "storeFailed":
      text = say("storeFailed", lang, { dir: said.dir });
      break;
    case "noStoreFolder":
      text = say("noStoreFolder", lang, {
        dir: said.dir,
        why: say(said.isFile ? "noStoreFolderFile" : "noStoreFolderMissing", lang),
        orApi:
          said.orElse === null ? "" : said.orElse.kind === "api" ? say("noStoreFolderOrApi", lang, { url: said.orElse.url }) : say("noStoreFolderOrDatabaseUrl", lang),
      });
      break;
    case "noSuchUnit":
      text = say("noSuchUnit", lang, { name: said.name });
      break;
    case "ambiguousUnit":
      text = say("ambiguousUnit", lang, { name: said.name, candidates: said.candidates.join(lang === "zh" ? "、" : ", ") });
      break;
    case "problem":
      text = problemWords(said, lang);
      break;
    case undefined:
      text = say(KIND_WORDS[error.kind], lang);
  }
  return text;
}

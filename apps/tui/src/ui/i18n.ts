import { PROGRESS_STATUS_LABELS, type ProgressStatus } from "@taizhang/core";

export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

// One table for every label the UI shows; Chinese first, as staff read it.
const LABELS = {
  appName: { zh: "台账", en: "Taizhang" },
  plans: { zh: "规划", en: "Plans" },
  plan: { zh: "规划", en: "Plan" },
  tasks: { zh: "任务", en: "Tasks" },
  task: { zh: "任务", en: "Task" },
  allTasks: { zh: "全部任务", en: "All tasks" },
  myChecklist: { zh: "我的清单", en: "My checklist" },
  deadlines: { zh: "逾期与临近到期", en: "Overdue and due soon" },
  overdue: { zh: "逾期", en: "Overdue" },
  dueSoon: { zh: "临近到期", en: "Due soon" },
  number: { zh: "序号", en: "No." },
  title: { zh: "名称", en: "Title" },
  period: { zh: "规划期", en: "Period" },
  taskCount: { zh: "任务数", en: "Tasks" },
  done: { zh: "完成", en: "Done" },
  lead: { zh: "牵头单位", en: "Lead" },
  responsible: { zh: "责任单位", en: "Responsible" },
  unit: { zh: "单位", en: "Unit" },
  status: { zh: "状态", en: "Status" },
  due: { zh: "时限", en: "Due" },
  item: { zh: "事项", en: "Item" },
  wholeTask: { zh: "整项", en: "Whole" },
  progress: { zh: "进展", en: "Progress" },
  milestones: { zh: "时间节点", en: "Milestones" },
  targets: { zh: "量化指标", en: "Targets" },
  text: { zh: "任务内容", en: "Full text" },
  history: { zh: "最近变更", en: "Recent history" },
  none: { zh: "无", en: "none" },
  noUnits: { zh: "本规划未明确责任单位", en: "The plan names no units for this task" },
  loading: { zh: "加载中…", en: "Loading…" },
  empty: { zh: "(空)", en: "(empty)" },
  daysOverdue: { zh: "逾期{n}天", en: "{n}d late" },
  daysLeft: { zh: "剩{n}天", en: "{n}d left" },
  dueToday: { zh: "今天到期", en: "due today" },
  asOf: { zh: "截至", en: "as of" },
  search: { zh: "搜索", en: "Search" },
  searchResults: { zh: "搜索“{q}”", en: "Search “{q}”" },
  filter: { zh: "筛选", en: "Filter" },
  filterPlan: { zh: "规划", en: "Plan" },
  filterUnit: { zh: "单位", en: "Unit" },
  filterStatus: { zh: "状态", en: "Status" },
  filterOverdue: { zh: "仅逾期", en: "Overdue only" },
  filterTheme: { zh: "主题", en: "Theme" },
  theme: { zh: "主题", en: "Theme" },
  themes: { zh: "主题", en: "Themes" },
  themeMatrix: { zh: "主题覆盖(任务数 / 完成率)", en: "Theme coverage (tasks / % complete)" },
  total: { zh: "合计", en: "Total" },
  counterparts: { zh: "其他规划中的对应任务", en: "Counterparts in other plans" },
  similarity: { zh: "相似度", en: "Similarity" },
  sharedTerms: { zh: "共同关键词", en: "Shared terms" },
  hits: { zh: "共{n}条结果", en: "{n} results" },
  page: { zh: "第{from}–{to}条", en: "{from}–{to}" },
  filterApply: { zh: "应用", en: "Apply" },
  filterClear: { zh: "清除全部", en: "Clear all" },
  any: { zh: "全部", en: "any" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  setStatus: { zh: "设置状态", en: "Set status" },
  addNote: { zh: "进展说明", en: "Progress note" },
  setPerson: { zh: "责任人(姓名,职务,联系方式;留空表示未指定)", en: "Responsible person (name, post, contact; empty: nobody)" },
  responsiblePerson: { zh: "责任人", en: "Responsible" },
  saved: { zh: "已保存:{what}", en: "Saved: {what}" },
  conflict: { zh: "他人已先修改(版本{v}),已刷新,请重试", en: "Changed by someone else first (version {v}); reloaded, try again" },
  noProgressRow: { zh: "此处没有可更新的进展", en: "Nothing here has progress to update" },
  readOnly: { zh: "只读:需要令牌才能修改(--token)", en: "Read only: a token is needed to write (--token)" },
  unitNeeded: { zh: "请用 --unit 指定单位", en: "Give a unit with --unit" },
  help: { zh: "帮助", en: "Help" },
  helpHint: { zh: "? 帮助  q 退出", en: "? help  q quit" },
  local: { zh: "本地", en: "local" },
  remote: { zh: "远程", en: "remote" },
  error: { zh: "错误", en: "Error" },
  retryHint: { zh: "r 重试  Esc 返回", en: "r retry  Esc back" },
  enterToSave: { zh: "Enter 保存  Esc 取消", en: "Enter save  Esc cancel" },
  // Help overlay lines: key, then what it does.
  keyMove: { zh: "上下移动", en: "move up / down" },
  keyOpen: { zh: "打开", en: "open" },
  keyBack: { zh: "返回(保留位置)", en: "back (keeps your place)" },
  keyTopBottom: { zh: "到顶 / 到底", en: "top / bottom" },
  keyPage: { zh: "翻页", en: "page up / down" },
  keySearch: { zh: "搜索任务", en: "search tasks" },
  keyFilter: { zh: "筛选:规划、单位、状态、主题、逾期", en: "filter: plan, unit, status, theme, overdue" },
  keyStatus: { zh: "设置所选进展的状态", en: "set the status of the selected progress" },
  keyNote: { zh: "填写进展说明", en: "write a progress note" },
  keyPerson: { zh: "指定或更换责任人", en: "name or change the responsible person" },
  keyRoots: { zh: "规划 / 我的清单 / 逾期与临近到期", en: "plans / my checklist / overdue and due soon" },
  keyReload: { zh: "刷新", en: "reload" },
  keyHelp: { zh: "显示或关闭帮助", en: "show or hide this help" },
  keyQuit: { zh: "退出", en: "quit" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type LabelKey = keyof typeof LABELS;

/** A label in the chosen language, with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: LabelKey, vars: Record<string, string | number> = {}): string {
  return LABELS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type Translate = (key: LabelKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, vars) => translate(lang, key, vars);
}

/** "进行中" in Chinese, "In progress" in English. */
export function statusLabel(status: ProgressStatus, lang: Lang): string {
  return PROGRESS_STATUS_LABELS[status][lang];
}

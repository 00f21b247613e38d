/**
 * Document-wide rules about unit annotations, stated once: "排在第一位的部门为牵头部门"
 * (the first unit of every annotation leads), "第一个逗号前为牵头单位" (the units
 * before the first comma lead), "(以下均需各区政府落实,不再列出)" (every later
 * annotation also means 各区政府). docs/importer-rules.md lists the forms.
 */

/** Which listed unit of an annotation without labels leads. */
export type LeadRule = "first-unit" | "first-group";

/** One rule statement found in the text. */
export interface RuleStatement {
  /** `first-unit`: the first unit listed leads; `first-group`: the units before the first separator lead. */
  lead: LeadRule | null;
  /** For `first-group`: the separator that closes the lead group (逗号 → ",", 分号 → ";"). */
  separator: "," | ";";
  /** Raw names every later annotation implies ("以下均需各区政府落实,不再列出" → ["各区政府"]). */
  implied: string[];
  /** The rule's words as printed. */
  phrase: string;
}

const FIRST_UNIT_SOURCE =
  "(?:(?:排|列|位|居)(?:在|于|列)?|排名|排序)(?:第一|首)(?:位|个|名)?(?:的|者)?(?:单位|部门|责任单位)?(?:为|是|系)牵头(?:单位|部门)" +
  "|(?<![逗分顿]号)(?:第一|首)(?:位|个)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)" +
  "|牵头(?:单位|部门)(?:列|排|放)(?:在|于)?(?:第一|首)位";
const FIRST_UNIT = new RegExp(FIRST_UNIT_SOURCE, "u");
const FIRST_GROUP = /(?:第一个)?(?<sep>逗号|分号)(?:之|以)?前(?:的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)/u;
const NOT_LISTED = /不再(?:一一|单独|重复|另行)?列出/u;
const IMPLIED_NAMES = /(?:均需|均须|都需|都须|均要|都要|均由|需要|需|须|由)(?<names>[^,;。:]{2,60}?)(?:负责|共同)?(?:组织)?(?:落实|承担|执行|实施)/u;

/** Clauses of an annotation that state a rule rather than name units. */
const RULE_CLAUSES: readonly RegExp[] = [
  FIRST_UNIT,
  FIRST_GROUP,
  NOT_LISTED,
  /^(?:以下|下)同$/u,
  /^同上$/u,
  /^多个牵头(?:单位|部门)的?/u,
  /^(?:其他|其余|其它)(?:单位|部门)?(?:为|是)(?:配合|责任|参与|协办|协同)(?:单位|部门)$/u,
  /^(?:以下|下列)(?:各项)?(?:任务|工作)?(?:均|都)/u,
];

/** Whether a clause of an annotation (between commas) states a rule. */
export function isRuleClause(clause: string): boolean {
  const c = clause.trim();
  return c !== "" && RULE_CLAUSES.some((p) => p.test(c));
}

/** Whether a clause is one of the rules that decide or add units (not a bare 下同). */
function isStatingClause(clause: string): boolean {
  return FIRST_UNIT.test(clause) || FIRST_GROUP.test(clause) || NOT_LISTED.test(clause);
}

const SENTENCE = /[^。;!?]+[。;!?]?/gu;

/** The rule statements of one line of normalised text, in order. Never throws. */
export function findRuleStatements(line: string): RuleStatement[] {
  const found: RuleStatement[] = [];
  for (const match of line.matchAll(SENTENCE)) {
    const sentence = match[0];
    const group = FIRST_GROUP.exec(sentence);
    const unit = group === null ? FIRST_UNIT.exec(sentence) : null;
    let implied: string[] = [];
    if (NOT_LISTED.test(sentence)) {
      const names = IMPLIED_NAMES.exec(sentence)?.groups?.["names"];
      if (names !== undefined) implied = [names];
    }
    if (group === null && unit === null && implied.length === 0) continue;
    found.push({
      lead: group !== null ? "first-group" : unit !== null ? "first-unit" : null,
      separator: group?.groups?.["sep"] === "分号" ? ";" : ",",
      implied,
      phrase: (group ?? unit)?.[0] ?? sentence.replace(/[。;!?]$/u, ""),
    });
  }
  return found;
}

const OPENERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "【": "】", "〔": "〕", "（": "）" };

/**
 * Removes the brackets of a line that hold nothing but rule clauses
 * ("(以下均需各区政府落实,不再列出)", "(列第一位者为牵头单位,下同)"): such a
 * bracket is neither text nor a unit. Brackets that also name units are left
 * to the annotation reader, which drops their rule clauses. Never throws.
 */
export function removeRuleBrackets(line: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  let text = line;
  for (let open = text.length - 1; open >= 0; open -= 1) {
    const closer = OPENERS[text[open] ?? ""];
    if (closer === undefined) continue;
    const close = matchingCloser(text, open, closer);
    if (close < 0) continue;
    const content = text.slice(open + 1, close);
    const stripped = stripRuleClauses(content);
    if (!stripped.hadRule || stripped.content.trim() !== "" || !isStatingClause(content)) continue;
    removed.unshift(text.slice(open, close + 1));
    text = text.slice(0, open) + text.slice(close + 1);
  }
  return { text: removed.length === 0 ? line : text.trimEnd(), removed };
}

/** The index of the bracket that closes the one at `open`, counting nested brackets of its kind; -1 when none. */
export function matchingCloser(text: string, open: number, closer: string): number {
  const opener = text[open];
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === opener) depth += 1;
    else if (c === closer && --depth === 0) return i;
  }
  return -1;
}

/**
 * Splits an annotation's content on top-level commas and semicolons and drops
 * its rule clauses ("第一个逗号前为牵头单位", "下同"), keeping the separators
 * of what is left.
 */
export function stripRuleClauses(content: string): { content: string; hadRule: boolean } {
  const pieces: { text: string; separator: string }[] = [];
  let depth = 0;
  let current = "";
  for (const c of content) {
    if ("([【〔（".includes(c)) depth += 1;
    else if (")]】〕）".includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && ",;。，；".includes(c)) {
      pieces.push({ text: current, separator: c });
      current = "";
      continue;
    }
    current += c;
  }
  pieces.push({ text: current, separator: "" });
  const kept = pieces.filter((p) => !isRuleClause(p.text));
  if (kept.length === pieces.length) return { content, hadRule: false };
  const joined = kept
    .map((p, i) => (i === kept.length - 1 ? p.text : p.text + p.separator))
    .join("")
    .replace(/[,;。，；\s]+$/u, "");
  return { content: joined, hadRule: true };
}

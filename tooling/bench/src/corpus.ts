import { createHash } from "node:crypto";
import {
  builtInPlans,
  IsoDateSchema,
  MODEL_SCHEMA_VERSION,
  PlanSchema,
  withThemes,
  type Jurisdiction,
  type Milestone,
  type Plan,
  type PlanId,
  type Task,
  type TaskId,
  type Unit,
  type UnitId,
} from "@taizhang/core";

/**
 * The synthetic national corpus: deterministic (seeded), realistic plans made
 * by recombining and varying the four real ones, across a jurisdiction tree
 * of regions → cities → counties, as China has (31 provincial-level regions,
 * ~330 cities, ~2,800 counties).
 *
 * Each plan takes the structure of one real plan (parts, sections, guarantee
 * part), re-words each task by keeping most of its own sentences in a new
 * order and borrowing one sentence from a task of another plan, moves the
 * period and every deadline to the plan's own years, and names units of its
 * own jurisdiction (市委编办 → 某某县委编办). Every plan validates against
 * core's PlanSchema and carries themes from core's classifier.
 */
export interface CorpusOptions {
  seed: number;
  /** Number of plans; 3,000 for the national corpus. */
  plans: number;
}

export const NATIONAL_CORPUS: CorpusOptions = { seed: 20261123, plans: 3000 };

/** Mulberry32: a small, fast, well-distributed 32-bit PRNG; the same seed gives the same corpus on any machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = [
  "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
  "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
  "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
] as const;

// Characters for place names that read like real ones (安平, 清河, 永宁…); real names are reused freely across China.
const NAME_CHARS = "安宁平清河永和兴东西南北新阳泉山川江海林丰昌定远长乐德华康庆源泰盛祥云中原武文明吉利保福寿春秋嘉善宝金石龙凤";

function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function placeName(rand: () => number, used: Set<string>, suffix: string): string {
  for (let attempt = 0; ; attempt++) {
    const length = attempt < 50 ? 2 : 3;
    let name = "";
    for (let i = 0; i < length; i++) name += pick(rand, [...NAME_CHARS]);
    if (!used.has(name + suffix)) {
      used.add(name + suffix);
      return name + suffix;
    }
  }
}

/** The jurisdictions of the corpus: every region, then cities and counties under them, one plan each, in a fixed order. */
export function jurisdictionTree(options: CorpusOptions): Jurisdiction[] {
  const rand = random(options.seed ^ 0x9e3779b9);
  const used = new Set<string>();
  const out: Jurisdiction[] = REGIONS.slice(0, Math.min(REGIONS.length, options.plans)).map((name) => ({ name, level: "region", parent: "中华人民共和国" }));
  const remaining = options.plans - out.length;
  const cityCount = Math.max(0, Math.round(remaining * 0.11));
  const cities: Jurisdiction[] = [];
  for (let i = 0; i < cityCount; i++) {
    cities.push({ name: placeName(rand, used, "市"), level: "city", parent: pick(rand, REGIONS) });
  }
  out.push(...cities);
  for (let i = out.length; i < options.plans; i++) {
    const parent = cities.length > 0 ? pick(rand, cities).name : pick(rand, REGIONS);
    out.push({ name: placeName(rand, used, pick(rand, ["县", "县", "区", "旗", "市"])), level: "county", parent });
  }
  return out;
}

const SENTENCE = /[^。；！？]+[。；！？]?/g;
const sentencesOf = (text: string): string[] => text.match(SENTENCE)?.filter((s) => s.trim() !== "") ?? [text];

function shuffle<T>(rand: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

/** The short form of a jurisdiction for unit names: 安平县 → 县, 呼和浩特市 → 市. */
const levelWord = (j: Jurisdiction): string => (j.level === "region" ? (j.name.endsWith("市") ? "市" : "省") : j.name.slice(-1));

/** A unit of the source plan renamed into the new jurisdiction, keeping its kind (委编办, 财政局…). */
function renameUnit(unit: Unit, jurisdiction: Jurisdiction): Unit {
  const word = levelWord(jurisdiction);
  const rename = (name: string) => name.replace(/^(自治区|市|县|区|旗)/, word);
  return {
    ...unit,
    id: `${jurisdiction.name}:${rename(unit.name)}` as UnitId,
    name: rename(unit.name),
    jurisdiction: jurisdiction.name,
    aliases: unit.aliases.map(rename),
  };
}

function shiftDate(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const rest = date.slice(4);
  // 02-29 does not exist in most years.
  const candidate = `${year}${rest === "-02-29" ? "-02-28" : rest}`;
  return IsoDateSchema.parse(candidate);
}

/** Offices of the one real plan that names them (市委编办, 市司法局…), lent to tasks whose source names none. */
const ASSIGNABLE: readonly Unit[] = builtInPlans.flatMap((p) => p.units).filter((u) => !u.collective);

/** One plan of the corpus: plan `index` of the tree, made from a real plan. */
export function corpusPlan(options: CorpusOptions, index: number, jurisdiction: Jurisdiction): Plan {
  const rand = random(options.seed + index * 7919);
  const source = pick(rand, builtInPlans);
  const donors = builtInPlans.flatMap((p) => p.tasks);
  const startYear = 2016 + Math.floor(rand() * 9);
  const shift = startYear - source.period.startYear;
  const id = `${jurisdiction.level}-${String(index).padStart(4, "0")}-${startYear}` as PlanId;
  const unitMap = new Map(source.units.map((u) => [u.id, renameUnit(u, jurisdiction)]));
  // Three of the four real plans name no units; a working 台账 assigns each task a 牵头单位 and 责任单位
  // anyway (the admin's assignUnits), so tasks without units get offices of the plan's own jurisdiction.
  const offices = ASSIGNABLE.map((u) => renameUnit(u, jurisdiction));
  const lent = new Map<UnitId, Unit>();
  const assign = (original: Task): Pick<Task, "lead" | "responsible"> => {
    if (original.lead.length + original.responsible.length > 0) {
      return { lead: original.lead.map((u) => unitMap.get(u)?.id ?? u), responsible: original.responsible.map((u) => unitMap.get(u)?.id ?? u) };
    }
    const drawn = shuffle(rand, [...offices]).slice(0, 3 + Math.floor(rand() * 5));
    for (const u of drawn) lent.set(u.id, u);
    const [lead, ...responsible] = drawn.map((u) => u.id);
    return { lead: lead ? [lead] : [], responsible };
  };
  const keep = source.tasks.filter((t) => t.guarantee || rand() > 0.1);
  const tasks: Task[] = keep.map((original, i) => {
    const number = i + 1;
    const own = sentencesOf(original.text);
    const [head = original.title, ...body] = own;
    const borrowed = sentencesOf(pick(rand, donors).text);
    const text = [head, ...shuffle(rand, [...body, pick(rand, borrowed)])].join("");
    const milestones: Milestone[] = original.milestones.map((m) => ({ ...m, due: shiftDate(m.due, shift) }));
    return {
      ...original,
      id: `${id}/${number}` as TaskId,
      planId: id,
      number,
      text,
      originalText: null,
      ...assign(original),
      milestones,
      targets: original.targets.map((t) => ({ ...t, due: t.due === null ? null : shiftDate(t.due, shift) })),
      themes: [],
    };
  });
  const plan: Plan = {
    ...source,
    schemaVersion: MODEL_SCHEMA_VERSION,
    id,
    title: `${jurisdiction.name}法治政府建设实施方案(${startYear}—${startYear + (source.period.endYear - source.period.startYear)}年)`,
    issuer: `${jurisdiction.name}人民政府`,
    documentNumber: null,
    jurisdiction,
    period: { startYear, endYear: startYear + (source.period.endYear - source.period.startYear) },
    tasks,
    // The plan's own units, then the lent ones it does not already name.
    units: [...unitMap.values(), ...[...lent.values()].filter((u) => ![...unitMap.values()].some((own) => own.id === u.id))],
    provenance: {
      ...source.provenance,
      // Made, not read: the "file" names the generator, the seed and the source plan.
      sourceFiles: [{ ...(source.provenance.sourceFiles[0] as Plan["provenance"]["sourceFiles"][number]), name: `synthetic:${options.seed}:${index}:${source.id}`, sha256: createHash("sha256").update(`${options.seed}:${index}:${source.id}`).digest("hex") }],
      warnings: [],
    },
  };
  return PlanSchema.parse(withThemes(plan));
}

/** Every plan of the corpus, in tree order (regions first). */
export function* generateCorpus(options: CorpusOptions): Generator<Plan> {
  const tree = jurisdictionTree(options);
  for (let i = 0; i < tree.length; i++) yield corpusPlan(options, i, tree[i] as Jurisdiction);
}

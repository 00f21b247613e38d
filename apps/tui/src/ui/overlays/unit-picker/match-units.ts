import { normalizeForSearch, type Unit } from "@taizhang/core";

/**
 * The units whose name, alias, id or "jurisdiction name" contains `query`,
 * folded as search folds text (traditional → simplified, full-width →
 * half-width, case): a plain "contains" filter over a short list, not the
 * ranked task search. An empty query keeps every unit.
 */
export function matchUnits(units: readonly Unit[], query: string): Unit[] {
  const q = normalizeForSearch(query.trim()).replace(/\s+/g, "");
  if (q === "") return [...units];
  return units.filter((u) => [u.name, ...u.aliases, u.id, `${u.jurisdiction}${u.name}`].some((text) => normalizeForSearch(text).replace(/\s+/g, "").includes(q)));
}

/** Every unit of the plans once, by jurisdiction and then by name (in Chinese collation order). */
export function unitsOf(plans: ReadonlyArray<{ units: readonly Unit[] }>): Unit[] {
  const byId = new Map<string, Unit>();
  for (const plan of plans) for (const unit of plan.units) if (!byId.has(unit.id)) byId.set(unit.id, unit);
  const collator = new Intl.Collator("zh-CN");
  return [...byId.values()].sort((a, b) => collator.compare(a.jurisdiction, b.jurisdiction) || collator.compare(a.name, b.name));
}

import { unitId, type UnitId } from "../model/ids.js";
import type { Unit } from "../model/unit.js";
import { parseUnitName } from "./units.js";

/** Units named by a plan's tasks, one per canonical name, aliases merged. */
export class UnitRegistry {
  private readonly units = new Map<string, Unit>();
  private readonly byAlias = new Map<string, string>();

  constructor(
    private readonly jurisdiction: string,
    known: readonly Unit[] = [],
  ) {
    for (const unit of known) {
      this.units.set(unit.name, { ...unit, aliases: [...unit.aliases] });
      for (const alias of unit.aliases) this.byAlias.set(alias, unit.name);
    }
  }

  addAll(rawNames: readonly string[]): UnitId[] {
    const ids: UnitId[] = [];
    for (const raw of rawNames) {
      const id = this.add(raw);
      if (id !== null && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private add(raw: string): UnitId | null {
    const parsed = parseUnitName(raw);
    const name = clean(parsed.name);
    if (name === "") return null;
    const canonical = this.byAlias.get(name) ?? name;
    const aliases = parsed.aliases.map(clean).filter((a) => a !== "" && a !== canonical);
    const existing = this.units.get(canonical);
    if (existing === undefined) {
      const unit: Unit = {
        id: unitId(clean(this.jurisdiction) || "未知", canonical),
        name: canonical,
        aliases,
        jurisdiction: this.jurisdiction,
        collective: parsed.collective,
      };
      this.units.set(canonical, unit);
    } else {
      for (const alias of aliases) if (!existing.aliases.includes(alias)) existing.aliases.push(alias);
    }
    for (const alias of aliases) if (!this.units.has(alias)) this.byAlias.set(alias, canonical);
    return this.units.get(canonical)?.id ?? null;
  }

  list(): Unit[] {
    return [...this.units.values()];
  }
}

/** Unit ids are `<jurisdiction>:<name>`: neither part may hold a colon or a space. */
export function clean(name: string): string {
  return name.replace(/[:\s]/g, "");
}

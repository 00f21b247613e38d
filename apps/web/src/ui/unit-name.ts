/** The unit's name part of its id `<jurisdiction>:<name>` (成都市:市委编办 → 市委编办). */
export function unitName(unitId: string): string {
  const i = unitId.indexOf(":");
  return i >= 0 ? unitId.slice(i + 1) : unitId;
}

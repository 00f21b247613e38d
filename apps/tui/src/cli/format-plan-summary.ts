import { jurisdictionKey, summarizePlan, type ImportWarning, type Plan } from "@taizhang/core";

const LEVELS: Record<Plan["jurisdiction"]["level"], string> = {
  national: "national 国家",
  region: "region 省级",
  city: "city 市级",
  county: "county 县级",
};

function warningLine(w: ImportWarning): string {
  const where = w.line === null ? "" : `line ${w.line}: `;
  const excerpt = w.excerpt === null ? "" : ` — ${w.excerpt}`;
  return `  [${w.code}] ${where}${w.message}${excerpt}`;
}

/** The readable summary `taizhang import` prints without --json. */
export function formatPlanSummary(plan: Plan): string {
  const { counts } = summarizePlan(plan);
  const j = plan.jurisdiction;
  const sources = plan.provenance.sourceFiles.map((f) => `${f.name} (${f.script}, ${f.format})`).join("; ");
  const lines = [
    plan.title,
    `  id               ${plan.id}`,
    `  issuer 发文机关   ${plan.issuer ?? "(not stated)"}`,
    `  文号             ${plan.documentNumber ?? "(none)"}`,
    `  jurisdiction     ${j.name} (${LEVELS[j.level]}${j.parent === null ? "" : `, in ${j.parent}`}); units are ${jurisdictionKey(j)}:…`,
    `  period           ${plan.period.startYear}–${plan.period.endYear}`,
    `  source           ${sources}`,
    `  basis            ${plan.basis.length === 0 ? "(none)" : plan.basis.map((c) => `《${c.title}》${c.documentNumber === null ? "" : `(${c.documentNumber})`}`).join("、")}`,
    "",
    `  parts ${counts.parts} · sections ${counts.sections} · tasks ${counts.tasks} (of which guarantee measures ${counts.guarantees}) · milestones ${counts.milestones} · targets ${counts.targets} · units ${counts.units}`,
    "",
    `units (${plan.units.length})${plan.units.length === 0 ? "" : ":"}`,
    ...plan.units.map((u) => `  ${u.id}${u.collective ? " (collective)" : ""}`),
    "",
    `warnings (${plan.provenance.warnings.length})${plan.provenance.warnings.length === 0 ? "" : ":"}`,
    ...plan.provenance.warnings.map(warningLine),
  ];
  return `${lines.join("\n")}\n`;
}

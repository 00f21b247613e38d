import type { Plan, Task } from "@taizhang/core";

/**
 * A plan written back as the kind of text the importer reads: title, issuer,
 * parts (一、), sections ((一)), numbered tasks with their
 * [牵头单位:…;责任单位:…] annotation, as the real plans print them. Used to
 * time the importer on corpus-sized input, not to reproduce the sources.
 */
export function planText(plan: Plan): string {
  const unitName = new Map(plan.units.map((u) => [u.id as string, u.name]));
  const names = (ids: readonly string[]) => ids.map((id) => unitName.get(id) ?? id).join("、");
  const taskLine = (task: Task): string => {
    const mark = /^\d+$/.test(task.ordinal) ? `${task.ordinal}.` : task.ordinal;
    const body = task.text.startsWith(task.title) ? task.text : `${task.title}。${task.text}`;
    const roles = [task.lead.length > 0 ? `牵头单位:${names(task.lead)}` : "", task.responsible.length > 0 ? `责任单位:${names(task.responsible)}` : ""].filter(Boolean);
    return `${mark}${body}${roles.length > 0 ? `[${roles.join(";")}]` : ""}`;
  };
  const out: string[] = [plan.title, "", `${plan.issuer ?? ""}`, ""];
  for (const part of plan.parts) {
    out.push(`${part.ordinal}、${part.title}`, "");
    if (part.text) out.push(part.text, "");
    const tasks = plan.tasks.filter((t) => t.partNumber === part.number);
    if (part.sections.length === 0) {
      for (const t of tasks) out.push(taskLine(t), "");
      continue;
    }
    for (const section of part.sections) {
      out.push(`${section.ordinal}${section.title}。`, "");
      for (const t of tasks.filter((x) => x.sectionNumber === section.number)) out.push(taskLine(t), "");
    }
  }
  return out.join("\n");
}

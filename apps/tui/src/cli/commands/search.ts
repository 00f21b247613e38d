import type { Snippet, ThemeId } from "@taizhang/core";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import type { SearchPageOptions } from "../../data/data-source.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = {
  ...SOURCE_OPTIONS,
  plan: { type: "string" },
  theme: { type: "string" },
  limit: { type: "string" },
  offset: { type: "string" },
} as const;

const HELP = `Usage: taizhang search QUERY [--plan ID] [--theme T] [--limit N] [--offset N] [options]

Searches the tasks of every plan: titles, text, milestones, targets and unit names.
  QUERY            words to find; several words must all match. Quote the whole query for the shell
                   ('"重大行政决策" -听证'), or put it after -- when a word starts with a minus:
                     行政复议        simplified or traditional (行政復議), full or half width
                     xzfy            pinyin initials; xingzhengfuyi: full pinyin (titles and units)
                     市审改办        a unit's alias finds its unit's tasks
                     "重大 决策"     a quoted phrase matches exactly
                     -听证           leaves out tasks that say 听证
  --plan ID        only this plan (see 'taizhang plans')
  --theme T        only tasks under this theme (see 'taizhang themes')
  --limit N        results per page, 1–100 (default 20)
  --offset N       results to skip (default 0)

Prints each hit with its task id, title and a snippet; matches are marked 【…】.

${SOURCE_HELP}
`;

/** A snippet as one line of text, its highlights marked 【…】 and cut ends shown as …. */
export function markSnippet(snippet: Snippet): string {
  let out = "";
  let at = 0;
  for (const h of snippet.highlights) {
    out += `${snippet.text.slice(at, h.start)}【${snippet.text.slice(h.start, h.end)}】`;
    at = h.end;
  }
  out += snippet.text.slice(at);
  return `${snippet.truncatedStart ? "…" : ""}${out.replace(/\s+/g, " ")}${snippet.truncatedEnd ? "…" : ""}`;
}

function wholeNumber(text: string | undefined, min: number, max: number): number | null | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export const searchCommand: Command = {
  name: "search",
  summary: "search tasks (Chinese, traditional, pinyin, unit aliases) with snippets",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "search");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const query = positionals.join(" ").trim();
    if (query === "") return usageError(io, "give a query, e.g. taizhang search 行政复议", "search");
    if (query.length > 200) return usageError(io, "the query is longer than 200 characters", "search");
    const { PlanIdSchema, ThemeIdSchema } = await import("@taizhang/core");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "search");
    const limit = wholeNumber(values.limit, 1, 100);
    if (limit === null) return usageError(io, "--limit must be a whole number from 1 to 100", "search");
    const offset = wholeNumber(values.offset, 0, 100_000);
    if (offset === null) return usageError(io, "--offset must be a whole number from 0", "search");
    const options: SearchPageOptions = { limit: limit ?? 20, offset: offset ?? 0 };
    if (values.plan !== undefined) {
      const planId = PlanIdSchema.safeParse(values.plan);
      if (!planId.success) {
        io.stderr(`taizhang search: ${values.plan} is not a plan id (e.g. chengdu-2015)\n`);
        return EXIT_CODES.invalid;
      }
      options.planId = planId.data;
    }
    if (values.theme !== undefined) {
      const theme = ThemeIdSchema.safeParse(values.theme);
      if (!theme.success) {
        io.stderr(`taizhang search: unknown theme ${values.theme}; 'taizhang themes' lists them\n`);
        return EXIT_CODES.invalid;
      }
      options.theme = theme.data as ThemeId;
    }
    const t = cliTranslator(lang);
    return withSource(values, io, "search", async (ds) => {
      const page = unwrap(io, await ds.searchTasks(query, options), "search");
      if (!page.ok) return page.code;
      if (values.json) {
        printJson(io, { query, total: page.value.total, offset: options.offset, limit: options.limit, hits: page.value.hits });
        return 0;
      }
      const from = (options.offset ?? 0) + 1;
      const to = (options.offset ?? 0) + page.value.hits.length;
      const lines = [`${t("hits", { n: page.value.total })}${page.value.hits.length > 0 ? ` · ${t("page", { from, to })}` : ""}`];
      for (const hit of page.value.hits) {
        lines.push("", `${hit.taskId}  ${hit.task.title}`, `  ${hit.task.planTitle}`);
        for (const snippet of hit.snippets.filter((s) => s.field !== "title")) lines.push(`  ${markSnippet(snippet)}`);
      }
      io.stdout(`${lines.join("\n")}\n`);
      return 0;
    });
  },
};

import fc from "fast-check";
import type { ChecklistEntry } from "@taizhang/contract";
import { beforeAll, describe, expect, it } from "vitest";
import { testApi } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";
import { STATUSES } from "../ui/status.js";
import { NO_FILTERS, applyFilters, parseFilters, serializeFilters, type ChecklistFilters } from "./filters.js";

const filtersArb: fc.Arbitrary<ChecklistFilters> = fc.record({
  plan: fc.option(fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8})?$/), { nil: null }),
  status: fc.option(fc.constantFrom(...STATUSES), { nil: null }),
  overdue: fc.boolean(),
  within: fc.option(fc.nat({ max: 36_500 }), { nil: null }),
  role: fc.option(fc.constantFrom("lead" as const, "responsible" as const), { nil: null }),
  q: fc.string({ maxLength: 40 }).map((s) => s.trim()),
});

describe("filters in the URL", () => {
  it("round-trips every filter state through the query string", () => {
    fc.assert(
      fc.property(filtersArb, (f) => {
        expect(parseFilters(serializeFilters(f))).toEqual(f);
      }),
    );
  });

  it("never throws on any query string and ignores what it does not understand", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const f = parseFilters(s);
        expect(parseFilters(serializeFilters(f))).toEqual(f);
      }),
    );
    expect(parseFilters("?status=finished&role=boss&within=-3&plan=../x&overdue=yes")).toEqual(NO_FILTERS);
  });

  it("writes nothing for the default view and a stable order otherwise", () => {
    expect(serializeFilters(NO_FILTERS)).toBe("");
    expect(serializeFilters({ ...NO_FILTERS, q: " 审批 ", role: "lead", plan: "chengdu-2015", overdue: true, within: 30, status: "blocked" })).toBe(
      "plan=chengdu-2015&status=blocked&overdue=1&within=30&role=lead&q=%E5%AE%A1%E6%89%B9",
    );
  });
});

describe("applyFilters", () => {
  // The unit's rows as the real API sends them, deadline flags judged as of the test day (and of another day).
  let rows: ChecklistEntry[] = [];
  let earlier: ChecklistEntry[] = [];
  beforeAll(async () => {
    const client = (await testApi()).admin();
    rows = (await client.op.unitChecklist({ params: { unitId: UNIT_SJ } })).items;
    earlier = (await client.op.unitChecklist({ params: { unitId: UNIT_SJ }, query: { asOf: "2016-03-31T15:59:00Z" } })).items;
  });
  const ids = (f: Partial<ChecklistFilters>) => applyFilters(rows, { ...NO_FILTERS, ...f }).map((r) => r.item.id);

  it("keeps overdue items only, as the API flagged them as of its day", () => {
    expect(ids({ overdue: true })).toEqual(["testville-2016/1#m1"]);
    expect(applyFilters(earlier, { ...NO_FILTERS, overdue: true }).map((r) => r.item.id)).toEqual([]);
  });

  it("keeps open items due within N days, not the overdue ones (as the API's dueWithin)", async () => {
    expect(ids({ within: 15 })).toEqual(["testville-2016/1#m2"]);
    expect(ids({ within: 14 })).toEqual([]);
    // An item 76 days overdue is not "due within 30 days"; the overdue box lists it.
    expect(ids({ within: 30 })).not.toContain("testville-2016/1#m1");
    const client = (await testApi()).admin();
    const api = (await client.op.unitChecklist({ params: { unitId: UNIT_SJ }, query: { dueWithin: 30 } })).items.map((r) => r.item.id);
    expect(ids({ within: 30 })).toEqual(api);
  });

  it("filters by role, status, plan; free text keeps the tasks the API's search found", () => {
    expect(ids({ role: "responsible" })).toEqual(["testville-2016/2#task"]);
    expect(ids({ status: "done" })).toEqual([]);
    expect(ids({ plan: "other-plan" })).toEqual([]);
    expect(applyFilters(rows, { ...NO_FILTERS, q: "出庭" }, new Set(["testville-2016/2"])).map((r) => r.item.id)).toEqual(["testville-2016/2#task"]);
    // Until the search answers, no row passes (rather than rows it would not find).
    expect(applyFilters(rows, { ...NO_FILTERS, q: "出庭" }, null)).toEqual([]);
  });
});

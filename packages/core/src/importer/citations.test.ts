import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CitationSchema } from "../model/citation.js";
import { anyText, planText } from "./__fixtures__/plan-text-arbitrary.js";
import { extractCitations, findDocumentNumbers, unclosedTitleMarks } from "./citations.js";

describe("extractCitations on the seed plans", () => {
  it("Hohhot (simplified): repairs 〔201416号 to 〔2014〕16号 and says so", () => {
    const r = extractCitations(
      "为全面推进依法行政、加快建设法治政府,根据《中共呼和浩特市委员会关于加快建设法治呼和浩特的意见》(呼党发〔201416号)要求,结合我市实际,提出如下实施意见。",
    );
    expect(r.citations).toEqual([{ title: "中共呼和浩特市委员会关于加快建设法治呼和浩特的意见", documentNumber: "呼党发〔2014〕16号" }]);
    expect(r.repairs).toHaveLength(1);
    expect(r.repairs[0]).toContain("呼党发〔201416号");
    expect(r.repairs[0]).toContain("呼党发〔2014〕16号");
  });

  it("Hohhot (traditional copy, normalised): the intact number needs no repair", () => {
    const r = extractCitations("根据《中共呼和浩特市委员会关于加快建设法治呼和浩特的意见》(呼党发〔2014〕16号)要求");
    expect(r).toEqual({
      citations: [{ title: "中共呼和浩特市委员会关于加快建设法治呼和浩特的意见", documentNumber: "呼党发〔2014〕16号" }],
      repairs: [],
    });
  });

  it("Baotou: brackets inside a title and nested 〈〉 stay in the title", () => {
    const r = extractCitations(
      "根据党的十八大、十八届三中、四中、五中全会精神和《法治政府建设实施纲要(2015—2020年)》(中发〔2015〕36号)、《内蒙古自治区党委贯彻落实〈中国中央关于全面推进依法治国若干重大问题的决定〉的意见》(内党发〔2014〕25号)、《中共包头市委员会关于制定包头市国民经济和社会发展第十三个五年规划的建议》(包党发〔2015〕7号),结合我市实际,制定本规划。",
    );
    expect(r.citations).toEqual([
      { title: "法治政府建设实施纲要(2015—2020年)", documentNumber: "中发〔2015〕36号" },
      { title: "内蒙古自治区党委贯彻落实〈中国中央关于全面推进依法治国若干重大问题的决定〉的意见", documentNumber: "内党发〔2014〕25号" },
      { title: "中共包头市委员会关于制定包头市国民经济和社会发展第十三个五年规划的建议", documentNumber: "包党发〔2015〕7号" },
    ]);
    expect(r.repairs).toEqual([]);
  });

  it("Baotou: a long issuer in a decree number", () => {
    expect(extractCitations("贯彻《内蒙古自治区重大行政决策程序规定》(内蒙古自治区人民政府令第209号),完善").citations).toEqual([
      { title: "内蒙古自治区重大行政决策程序规定", documentNumber: "内蒙古自治区人民政府令第209号" },
    ]);
  });

  it("Chengdu: an issuer before the title, decrees, and a telegram number", () => {
    const r = extractCitations(
      "根据省政府《关于深入推进依法行政加快建设法治政府的意见》(川府发〔2015〕1号)。认真实施《四川省规范行政执法裁量权规定》(省政府令第278号)。严格执行《中华人民共和国政府信息公开条例》(国务院令第492号)。严格落实市委办公厅、市政府办公厅《关于印发〈成都市全面建立法律顾问制度实施细则〉的通知》(成委办发电〔2014〕56号)。严格落实《行政诉讼法》规定。",
    );
    expect(r.citations).toEqual([
      { title: "关于深入推进依法行政加快建设法治政府的意见", documentNumber: "川府发〔2015〕1号" },
      { title: "四川省规范行政执法裁量权规定", documentNumber: "省政府令第278号" },
      { title: "中华人民共和国政府信息公开条例", documentNumber: "国务院令第492号" },
      { title: "关于印发〈成都市全面建立法律顾问制度实施细则〉的通知", documentNumber: "成委办发电〔2014〕56号" },
      { title: "行政诉讼法", documentNumber: null },
    ]);
  });
});

describe("extractCitations edge cases", () => {
  it("a bracket after the title that holds no 文号 gives no number", () => {
    expect(extractCitations("《党政领导干部生态环境损害责任追究实施细则》(2015年修订)").citations).toEqual([
      { title: "党政领导干部生态环境损害责任追究实施细则", documentNumber: null },
    ]);
  });

  it("lists a title cited twice once, keeping the 文号 printed with it", () => {
    expect(extractCitations("依照《立法法》。按《立法法》(主席令第31号)规定。").citations).toEqual([
      { title: "立法法", documentNumber: "主席令第31号" },
    ]);
  });

  it("repairs a number that lost its opening bracket", () => {
    const r = extractCitations("《意见》(呼党发2014〕16号)");
    expect(r.citations[0]?.documentNumber).toBe("呼党发〔2014〕16号");
    expect(r.repairs).toHaveLength(1);
  });

  it("ignores an unclosed title mark and empty titles", () => {
    expect(extractCitations("《没有结束的标题,以及《》。《立法法》").citations).toEqual([{ title: "立法法", documentNumber: null }]);
  });

  it("keeps nested 《》 inside a title", () => {
    expect(extractCitations("《关于印发《实施细则》的通知》(川办发〔2015〕3号)").citations).toEqual([
      { title: "关于印发《实施细则》的通知", documentNumber: "川办发〔2015〕3号" },
    ]);
  });
});

describe("findDocumentNumbers", () => {
  it("finds bare numbers, trims prose before them and repairs lost brackets", () => {
    expect(
      findDocumentNumbers(
        "成府发〔2015〕20号《成都市人民政府关于印发成都市法治政府建设规划(2015-2020年)的通知》\n成府发〔2015〕20号\n根据呼党发〔201416号和国务院令第492号,及川府发[2015]1号。",
      ),
    ).toEqual(["成府发〔2015〕20号", "呼党发〔2014〕16号", "国务院令第492号", "川府发[2015]1号"]);
  });

  it.each(["(2015—2020年)", "2016年年底前", "第80次常务会议", "〔201416号", "呼党发〔1234〕16号", "10个工作日"])("finds none in %j", (text) => {
    expect(findDocumentNumbers(text)).toEqual([]);
  });
});

describe("unclosedTitleMarks", () => {
  it("lists each 《 that no 》 closes", () => {
    expect(unclosedTitleMarks("严格执行《立法法》和《行政诉讼法的规定,落实《条例》。")).toEqual(["《行政诉讼法的规定,落实《条例》。"]);
    expect(unclosedTitleMarks("《立法法》《关于印发《细则》的通知》")).toEqual([]);
  });
});

describe("citation properties", () => {
  it("never throws; every citation is valid and its title is printed in the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = extractCitations(text);
        for (const c of r.citations) {
          expect(CitationSchema.safeParse(c).success).toBe(true);
          expect(text).toContain(`《${c.title}`);
        }
        for (const n of findDocumentNumbers(text)) expect(n).toMatch(/[号號]$/u);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads back any well-formed title and 文号", () => {
    const title = fc.string({ unit: fc.constantFrom(..."关于加快建设法治政府的意见实施纲要〈〉(2015—2020年)"), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(planText, title, fc.constantFrom("呼党发", "中发", "成委办发电"), fc.integer({ min: 1949, max: 2099 }), fc.integer({ min: 1, max: 999 }), (before, t, prefix, year, seq) => {
        fc.pre(t.trim() !== "" && !before.includes("《"));
        const number = `${prefix}〔${year}〕${seq}号`;
        const r = extractCitations(`${before}《${t}》(${number})`);
        expect(r.citations).toContainEqual({ title: t.trim(), documentNumber: number });
      }),
    );
  });

  it("stays fast on thousands of unclosed title marks and numbers", () => {
    const started = performance.now();
    extractCitations("《".repeat(50_000));
    findDocumentNumbers("呼党发〔2014〕16号".repeat(5_000));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("repairs any 文号 that lost its closing bracket", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1949, max: 2099 }), fc.integer({ min: 1, max: 999 }), (year, seq) => {
        const r = extractCitations(`《意见》(呼党发〔${year}${seq}号)`);
        expect(r.citations[0]?.documentNumber).toBe(`呼党发〔${year}〕${seq}号`);
        expect(r.repairs).toHaveLength(1);
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { readMetadata, type MetadataInput } from "./metadata.js";

const input = (preamble: string[], extra: Partial<MetadataInput> = {}): MetadataInput => ({
  preamble: preamble.map((text, i) => ({ text, line: i + 1 })),
  preface: [],
  body: "",
  goals: null,
  ...extra,
});

describe("readMetadata", () => {
  it("joins a title printed over several lines and reads issuer and 文号 from it", () => {
    const meta = readMetadata(
      input(["呼和浩特市人民政府", "关于全面推进依法行政加快建设", "法治政府的实施意见", "呼政发〔2015〕32号", "为全面推进依法行政,根据《某意见》(呼党发〔2014〕16号)要求,提出如下实施意见。"], {
        goals: "到2020年,基本建成法治政府。",
      }),
    );
    expect(meta.title).toBe("呼和浩特市人民政府关于全面推进依法行政加快建设法治政府的实施意见");
    expect(meta.issuer).toBe("呼和浩特市人民政府");
    expect(meta.documentNumber).toBe("呼政发〔2015〕32号");
    expect(meta.jurisdiction).toEqual({ name: "呼和浩特市", level: "city", parent: "内蒙古自治区" });
    expect(meta.jurisdictionSlug).toBe("hohhot");
    // Issue year from the 文号, end year from the goals' 到2020年.
    expect(meta.period).toEqual({ startYear: 2015, endYear: 2020 });
    expect(meta.basis).toEqual([{ title: "某意见", documentNumber: "呼党发〔2014〕16号" }]);
  });

  it("unwraps a web page's notice: the plan's own title, the notice's issuer, and a signature is not a title", () => {
    const meta = readMetadata(
      input([
        "成府发〔2015〕20号《成都市人民政府关于印发成都市法治政府建设规划(2015-2020年)的通知》",
        "《成都市人民政府关于印发成都市法治政府建设规划(2015-2020年)的通知》",
        "成府发〔2015〕20号",
        "各区(市)县政府,市政府各部门:",
        "《成都市法治政府建设规划(2015-2020年)》已经市政府常务会议讨论通过,现印发你们。",
        "成都市人民政府",
        "2015年7月6日",
        "成都市法治政府建设规划",
        "(2015-2020年)",
      ]),
    );
    expect(meta.title).toBe("成都市法治政府建设规划(2015-2020年)");
    expect(meta.issuer).toBe("成都市人民政府");
    expect(meta.documentNumber).toBe("成府发〔2015〕20号");
    expect(meta.period).toEqual({ startYear: 2015, endYear: 2020 });
    expect(meta.jurisdictionSlug).toBe("chengdu");
  });

  it("falls back to the notice's title when there is no title block", () => {
    const meta = readMetadata(input(["《某市人民政府关于印发某市法治政府建设实施方案(2021—2025年)的通知》", "某政发〔2021〕5号"]));
    expect(meta.title).toBe("某市法治政府建设实施方案(2021—2025年)");
    expect(meta.issuer).toBe("某市人民政府");
  });

  it("reads the issuer from a news preface, qualified with the jurisdiction", () => {
    const meta = readMetadata(
      input(["内蒙古自治区贯彻《法治政府建设实施纲要(2021—2025年)》实施方案"], {
        preface: [{ text: "本报9月11日讯近日,自治区党委和政府印发了《实施方案》,全文如下。", line: 5 }],
      }),
    );
    expect(meta.issuer).toBe("内蒙古自治区党委和政府");
    expect(meta.period).toEqual({ startYear: 2021, endYear: 2025 });
    expect(meta.jurisdiction.name).toBe("内蒙古自治区");
  });

  it("reads 十三五 as 2016–2020 and leaves an unstated issuer null", () => {
    const meta = readMetadata(input(["包头市“十三五”法治政府建设专项规划"]));
    expect(meta.period).toEqual({ startYear: 2016, endYear: 2020 });
    expect(meta.issuer).toBeNull();
    expect(meta.documentNumber).toBeNull();
  });

  it("takes the issue year from a signature date in characters", () => {
    const meta = readMetadata(
      input(["某市人民政府", "关于加快建设法治政府的实施意见", "二〇一六年三月一日", "为推进依法行政,提出如下意见。"], { goals: "到2020年,基本建成法治政府。" }),
    );
    expect(meta.title).toBe("某市人民政府关于加快建设法治政府的实施意见");
    expect(meta.period).toEqual({ startYear: 2016, endYear: 2020 });
  });

  it("does not double a title that a page header repeats right above it", () => {
    expect(readMetadata(input(["某市法治政府建设规划(2016-2020年)", "某市法治政府建设规划(2016-2020年)"])).title).toBe("某市法治政府建设规划(2016-2020年)");
  });

  it("reads an annual plan's year from its title", () => {
    const meta = readMetadata(input(["某县2020年度法治政府建设工作安排"]));
    expect(meta.period).toEqual({ startYear: 2020, endYear: 2020 });
    expect(meta.warnings.map((w) => w.code)).not.toContain("period-unknown");
  });

  it("infers a period it is not told, with a warning, and gives up only when there is no year", () => {
    const inferred = readMetadata(input(["关于加快建设法治政府的实施意见", "为推进依法行政,根据《某意见》(某发〔2014〕16号),提出意见。"], { goals: "到2020年,基本建成。" }));
    expect(inferred.period).toEqual({ startYear: 2014, endYear: 2020 });
    expect(inferred.warnings.map((w) => w.code)).toContain("period-unknown");
    expect(readMetadata(input(["关于加快建设法治政府的实施意见"])).period).toBeNull();
  });

  it("finds the jurisdiction in the body when the title names none", () => {
    const meta = readMetadata(input(["关于全面推进依法行政加快建设法治政府的实施意见"], { body: "加快建设法治呼和浩特。建设法治呼和浩特的实践。" }));
    expect(meta.jurisdiction.name).toBe("呼和浩特市");
  });

  it("warns and guesses when no known place is named", () => {
    const meta = readMetadata(input(["某某县法治政府建设规划(2016-2020年)"]));
    expect(meta.jurisdiction).toMatchObject({ name: "某某县", level: "county" });
    expect(meta.warnings.map((w) => w.code)).toContain("jurisdiction-unknown");
  });

  it("says when there is no title at all", () => {
    const meta = readMetadata(input([]));
    expect(meta.title).toBe("未命名规划");
    expect(meta.warnings.map((w) => w.code)).toContain("no-title");
  });
});

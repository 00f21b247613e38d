import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  collapseDoubledPunctuation,
  collapseSpaces,
  detectFormat,
  detectScript,
  foldEnclosedNumerals,
  foldFullWidth,
  isBoilerplateLine,
  isGarbled,
  joinBrokenLines,
  normalizeText,
  removePinyinReadings,
  runningHeaders,
  splitRunOnHeadings,
  startsWithHeading,
  stripInvisible,
  stripMarkupRemnants,
  stripPdfArtefacts,
} from "./normalize.js";

describe("stripInvisible", () => {
  it("removes byte-order marks and zero-width characters and turns odd spaces into plain ones", () => {
    expect(stripInvisible("\uFEFF一\u200B二\u3000三\u00A0四\t五")).toBe("一二 三 四 五");
  });
});

describe("stripMarkupRemnants", () => {
  it("removes the stray '> a cut tag leaves", () => {
    expect(stripMarkupRemnants("法治政府的實施意見'>")).toEqual({ text: "法治政府的實施意見", removed: 1 });
  });
  it("removes tags and entities", () => {
    expect(stripMarkupRemnants('<p class="x">一、总体要求</p>&nbsp;').text).toBe("一、总体要求 ");
  });
  it("leaves ordinary text alone", () => {
    expect(stripMarkupRemnants("不低于90%")).toEqual({ text: "不低于90%", removed: 0 });
  });
});

describe("stripPdfArtefacts", () => {
  it("removes [bookmark: …] artefacts", () => {
    expect(stripPdfArtefacts("[bookmark: _GoBack]7 ．加强市场监管")).toEqual({ text: "7 ．加强市场监管", removed: 1 });
  });
});

describe("foldFullWidth", () => {
  it("folds full-width digits and punctuation and keeps Chinese punctuation", () => {
    expect(foldFullWidth("１．（一）：；，％")).toBe("1.(一):;,%");
    expect(foldFullWidth("、。“”《》〈〉〔〕")).toBe("、。“”《》〈〉〔〕");
  });
  it("leaves no full-width ASCII variant behind", () => {
    fc.assert(fc.property(fc.string(), (s) => !/[\uFF01-\uFF5E]/.test(foldFullWidth(s))));
  });
});

describe("foldEnclosedNumerals", () => {
  it("spells out enclosed numerals", () => {
    expect(foldEnclosedNumerals("㈠依法全面履行政府职能")).toBe("(一)依法全面履行政府职能");
    expect(foldEnclosedNumerals("㈩")).toBe("(十)");
    expect(foldEnclosedNumerals("⒓加强监管。⑴规范程序")).toBe("12.加强监管。(1)规范程序");
    expect(foldEnclosedNumerals("①不变")).toBe("①不变");
  });
});

describe("removePinyinReadings", () => {
  it("removes readings printed after characters", () => {
    expect(removePinyinReadings("關(guān)于全面推進(jìn)依法行政")).toEqual({ text: "關于全面推進依法行政", removed: 2 });
  });
  it("keeps brackets that hold words, not readings", () => {
    expect(removePinyinReadings("行政復議委員會(試點)工作,模式(PPP)").removed).toBe(0);
  });
  it("keeps a lone toneless letter in brackets", () => {
    expect(removePinyinReadings("附件(a)").text).toBe("附件(a)");
  });
});

describe("isGarbled", () => {
  it("finds characters the source lost", () => {
    expect(isGarbled("結合區域?qū)嶋H,繼續簡政放權")).toBe(true);
    expect(isGarbled("政府\uFFFD文件")).toBe(true);
  });
  it("leaves questions and bracketed Latin alone", () => {
    expect(isGarbled("问:如何保障落实到位?答:一是强化学习。")).toBe(false);
    expect(isGarbled("合作模式(PPP)")).toBe(false);
  });
});

describe("collapseSpaces", () => {
  it.each([
    ["2016 年年底前", "2016年年底前"],
    ["十  八大", "十八大"],
    ["( 一 )依法全面履行政府职能", "(一)依法全面履行政府职能"],
    ["〔2015 〕36 号", "〔2015〕36号"],
    ["2 .深入推行", "2.深入推行"],
    ["模式( PPP)", "模式(PPP)"],
    ["不低于 3%", "不低于3%"],
  ])("%s → %s", (input, output) => {
    expect(collapseSpaces(input)).toBe(output);
  });
  it("keeps spaces between Latin words and between numbers", () => {
    expect(collapseSpaces("Open Chinese Convert")).toBe("Open Chinese Convert");
    expect(collapseSpaces("09:03 51")).toBe("09:03 51");
  });
  it("never leaves a space beside a Chinese character", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("法", "治", " ", "  ", "1", "a", "。", "(", ")")), (parts) => {
        const out = collapseSpaces(parts.join(""));
        return !/\p{Script=Han} | \p{Script=Han}/u.test(out);
      }),
    );
  });
});

describe("collapseDoubledPunctuation", () => {
  it.each([
    ["依法行政,、加快", "依法行政、加快"],
    ["法治政府,,根据", "法治政府,根据"],
    ["实施意见,。", "实施意见。"],
    ["指导思想,。高举", "指导思想。高举"],
  ])("%s → %s", (input, output) => {
    expect(collapseDoubledPunctuation(input)).toBe(output);
  });
});

describe("isBoilerplateLine", () => {
  it.each([
    "浏览量:时间:2018-11-14 09:03:51",
    "呼和浩特市政府文件字体()打印",
    "郑州外资企业服务中心微信公众号",
    "扫描二维码关注我们",
    "本文链接://www.0798ci.com/rule/46469.html",
    "本文关键词:成都市,成都市人民政府,成办发",
    "- 12 -",
  ])("%s is page furniture", (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });
  it("keeps plan text that mentions the same words at length", () => {
    const task =
      "36.创新公开形式,规范公开程序。把传统公开方式与现代科技手段结合起来,积极探索运用网络、电视、电子显示屏、微博、微信、公众号等信息手段,加强互联网政务信息数据服务平台建设。";
    expect(isBoilerplateLine(task)).toBe(false);
    expect(isBoilerplateLine("一、总体要求")).toBe(false);
    expect(isBoilerplateLine("(三)推廣全民閱讀")).toBe(false);
    expect(isBoilerplateLine("(四)推行政务服务一次点击办理")).toBe(false);
    expect(isBoilerplateLine("瀏覽次數:1024")).toBe(true);
    expect(isBoilerplateLine("(十二)规范政务新媒体公众号管理")).toBe(false);
  });
});

describe("splitRunOnHeadings", () => {
  it("splits a pasted page where headings follow sentences on one line", () => {
    expect(splitRunOnHeadings("提出如下意见。一、主要任务。(一)依法履职。1.深化改革。内容;2.加强监管。")).toEqual([
      "提出如下意见。",
      "一、主要任务。",
      "(一)依法履职。",
      "1.深化改革。内容;",
      "2.加强监管。",
    ]);
  });
  it("leaves numbers that are not headings alone", () => {
    expect(splitRunOnHeadings("比例不低于3.5%。2016年年底前完成。第(一)项规定。")).toEqual(["比例不低于3.5%。2016年年底前完成。第(一)项规定。"]);
  });
});

describe("runningHeaders", () => {
  it("finds short lines a PDF repeats on every page", () => {
    const lines = ["某市法治政府建设规划", "1.深化改革。内容", "某市法治政府建设规划", "2.加强监管。", "某市法治政府建设规划", "(一)加强领导"];
    expect([...runningHeaders(lines)]).toEqual(["某市法治政府建设规划"]);
  });
  it("keeps repeated unit lines, sentences and headings", () => {
    const lines = Array.from({ length: 3 }, () => ["责任单位:县司法局", "加强领导。", "(一)加强领导"]).flat();
    expect(runningHeaders(lines).size).toBe(0);
  });
});

describe("startsWithHeading", () => {
  it("knows parts, sections and numbered tasks, not dates", () => {
    expect(startsWithHeading("一、总体要求")).toBe(true);
    expect(startsWithHeading("(三十二)加强理论研究")).toBe(true);
    expect(startsWithHeading("12.加强行政执法主体管理")).toBe(true);
    expect(startsWithHeading("2018年年底前将企业登记")).toBe(false);
    expect(startsWithHeading("3.5%的比例")).toBe(false);
  });
});

describe("joinBrokenLines", () => {
  const lines = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 1 }));
  it("joins a sentence broken across lines", () => {
    const out = joinBrokenLines(lines("为全面推进依法行政,制定本规划。", "2.深入推行权责清单制度。2016年6月底前编制完成并公布市本级权责清单,年底前编制完成并公布旗县区(稀", "土高新区)权责清单。"));
    expect(out.map((l) => l.text)).toEqual(["为全面推进依法行政,制定本规划。", "2.深入推行权责清单制度。2016年6月底前编制完成并公布市本级权责清单,年底前编制完成并公布旗县区(稀土高新区)权责清单。"]);
    expect(out[1]?.line).toBe(2);
  });
  it("keeps headings, the title block and lines before a heading apart", () => {
    const out = joinBrokenLines(
      lines("成都市法治政府建设规划", "(2015-2020年)", "为深入推进依法行政,制定本规划。", "(一)依法全面履行政府职能", "1.深化行政审批制度改革。全面清理和取消非行政许可审批事项并公开目录", "2.深化商事制度改革。"),
    );
    expect(out).toHaveLength(6);
  });
  it("does not join a long title to the preface that follows it", () => {
    const out = joinBrokenLines(lines("内蒙古自治区贯彻《法治政府建设实施纲要(2021—2025年)》实施方案", "本报9月11日讯近日,自治区党委和政府印发了《实施方案》,全文如下。"));
    expect(out).toHaveLength(2);
  });
});

describe("detectScript", () => {
  it("tells simplified, traditional and mixed apart", () => {
    expect(detectScript("全面推进依法行政加快建设法治政府")).toBe("simplified");
    expect(detectScript("全面推進依法行政加快建設法治政府的實施意見")).toBe("traditional");
    expect(detectScript("善于运用大数据辅助行政决策、行政执法、行政執法工作,加强政务数据共享。")).toBe("mixed");
  });
});

describe("detectFormat", () => {
  const none = { newsPreface: false, pdfArtefacts: 0, pdfSpaces: 0, pinyin: 0, markup: 0, boilerplate: 0 };
  it("reads the layout from the signals normalisation found", () => {
    expect(detectFormat(none)).toBe("plain");
    expect(detectFormat({ ...none, newsPreface: true, boilerplate: 2 })).toBe("news-reprint");
    expect(detectFormat({ ...none, pdfArtefacts: 1 })).toBe("pdf-extract");
    expect(detectFormat({ ...none, pinyin: 12 })).toBe("web-scrape");
    expect(detectFormat({ ...none, boilerplate: 3 })).toBe("web-page");
  });
});

describe("normalizeText", () => {
  it("cleans a traditional web scrape and keeps the unconverted text line for line", () => {
    const raw = "關(guān)于全面推進(jìn)依法行政\n法治政府的實(shí)施意見'>\n一,、總體要求\n(一)指導(dǎo)思想,。高舉偉大旗幟,以馬克思列寧主義為指導(dǎo)。";
    const result = normalizeText(raw);
    expect(result.script).toBe("traditional");
    expect(result.format).toBe("web-scrape");
    expect(result.text.split("\n")).toEqual(["关于全面推进依法行政", "法治政府的实施意见", "一、总体要求", "(一)指导思想。高举伟大旗帜,以马克思列宁主义为指导。"]);
    expect(result.original.split("\n")[2]).toBe("一、總體要求");
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["pinyin-removed", "script-converted", "boilerplate-removed"]));
  });

  it("removes a PDF's running header and joins the sentence it interrupted", () => {
    const page = "某市法治政府建设规划";
    const raw = [page, "为推进依法行政,制定本规划。", "一、主要任务", "1.深化行政审批制度改革。全面清理和取消非行政许可审批事项,公开保", page, "留的审批事项目录。", page, "2.加强监管。"].join("\n");
    const result = normalizeText(raw);
    expect(result.text.split("\n")).toContain("1.深化行政审批制度改革。全面清理和取消非行政许可审批事项,公开保留的审批事项目录。");
    expect(result.text.split("\n")[0]).toBe(page);
    expect(result.warnings.filter((w) => w.code === "boilerplate-removed").map((w) => w.line)).toEqual([5, 7]);
  });

  it("reports the source line of each normalised line", () => {
    const result = normalizeText("浏览量:123\n\n一、总体要求\n\n(一)指导思想。坚持。");
    expect(result.text).toBe("一、总体要求\n(一)指导思想。坚持。");
    expect(result.lineNumbers).toEqual([3, 5]);
    expect(result.warnings[0]).toMatchObject({ code: "boilerplate-removed", line: 1 });
  });

  it("never throws and keeps text, original and line numbers aligned", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (raw) => {
        const result = normalizeText(raw);
        const lines = result.text === "" ? [] : result.text.split("\n");
        const original = result.original === "" ? [] : result.original.split("\n");
        return lines.length === original.length && lines.length === result.lineNumbers.length && lines.every((l) => l !== "");
      }),
      { numRuns: 300 },
    );
  });
});

describe("joinBrokenLines and label lines", () => {
  it("never joins a 责任单位: or 完成时限: line to the line above (a task table's row)", () => {
    const lines = ["为推进依法行政,制定本方案。", "3.全面推行行政执法三项制度。", "责任单位:市司法局、各县(市、区)人民政府、市直各有关部门", "完成时限:长期坚持"].map((text, i) => ({ text, line: i + 1 }));
    expect(joinBrokenLines(lines).map((l) => l.text)).toEqual(lines.map((l) => l.text));
  });
});

import { PROBLEM_CODES } from "@taizhang/contract";
import { describe, expect, it } from "vitest";
import type { DataError } from "./data-result.js";
import { fieldWords, problemText, type Said } from "./problem-messages.js";

const error = (said: Said): DataError => ({ kind: "invalid", message: "the source's own English words", said });
const problem = (code: (typeof PROBLEM_CODES)[number] | null, extra: Partial<Extract<Said, { key: "problem" }>> = {}): DataError =>
  error({ key: "problem", code, subject: null, field: null, hasToken: true, version: null, ...extra });
const CJK = /[\u4e00-\u9fff]/;

describe("the problem catalogue (#16)", () => {
  it("says every problem code of the contract in Chinese and in English, never in the source's own words", () => {
    for (const code of [...PROBLEM_CODES, null]) {
      const zh = problemText(problem(code), "zh");
      const en = problemText(problem(code), "en");
      expect(zh, code ?? "null").toMatch(CJK);
      expect(en.replace("文号", ""), code ?? "null").not.toMatch(CJK);
      expect(zh).not.toContain("own English");
      expect(en).not.toContain("own English");
    }
  });

  it("names what was asked for and the field in words", () => {
    expect(problemText(problem("not-found", { subject: { kind: "task", id: "chengdu-2015/99" } }), "zh")).toBe("没有任务 chengdu-2015/99");
    expect(problemText(problem("not-found", { subject: { kind: "item", id: "chengdu-2015/3#m1", unit: "市财政局" } }), "en")).toBe("no progress for chengdu-2015/3#m1 and 市财政局");
    expect(problemText(problem("validation-failed", { field: "body.evidence.0.url" }), "zh")).toBe("佐证材料的链接须是 http 或 https 网址");
    expect(problemText(problem("validation-failed", { field: "body.percent" }), "zh")).toBe("完成百分比须是 0 到 100 的整数");
    expect(problemText(problem("validation-failed", { field: "body.comment" }), "en")).toBe("the comment: the value is not accepted");
    expect(problemText(problem("text-not-storable", { field: "responsiblePerson.name" }), "zh")).toBe("责任人姓名含有无法保存的字符(控制字符或不成对的代理项)");
    expect(problemText(problem("stale-version", { version: 4 }), "zh")).toBe("他人已先修改(版本4),请重新读取后再试");
    expect(problemText(problem("unauthorized", { hasToken: false }), "zh")).toBe("需要令牌:用 --token 或 TAIZHANG_TOKEN 提供");
    expect(problemText(problem("plan-exists"), "zh")).toBe("已存有编号相同的规划;用 --replace 替换");
  });

  it("says a server that does not answer, a missing store folder and unit names without technical text", () => {
    expect(problemText(error({ key: "serverDown", url: "http://127.0.0.1:9" }), "zh")).toBe("服务器 http://127.0.0.1:9 无响应");
    expect(problemText(error({ key: "serverDown", url: "http://127.0.0.1:9" }), "en")).toBe("the server at http://127.0.0.1:9 does not answer");
    expect(problemText(error({ key: "noStoreFolder", dir: "/srv/x", isFile: false, orElse: { kind: "api", url: "http://127.0.0.1:8787" } }), "zh")).toBe(
      "/srv/x 中没有存储:该文件夹不存在;请用 --data 指定服务器的数据文件夹,或用 --api URL 指定服务器(http://127.0.0.1:8787 无响应)",
    );
    expect(problemText(error({ key: "noSuchUnit", name: "市法制局" }), "zh")).toBe("没有名为“市法制局”的单位");
    expect(problemText(error({ key: "ambiguousUnit", name: "法制办", candidates: ["成都市:市政府法制办", "包头市:市政府法制办"] }), "en")).toBe(
      "法制办 names several units: 成都市:市政府法制办, 包头市:市政府法制办; give one of these ids",
    );
  });

  it("reads a field's path: the input and array positions left out, nested fields by their last parts", () => {
    expect(fieldWords("body.note", "zh")).toBe("进展说明");
    expect(fieldWords("note", "en")).toBe("the progress note");
    expect(fieldWords("body.responsiblePerson.contact", "zh")).toBe("责任人联系方式");
    expect(fieldWords("body.evidence.3.description", "zh")).toBe("佐证材料的说明");
    expect(fieldWords("header.if-match", "zh")).toBe("版本(If-Match)");
    expect(fieldWords("body.somethingNew", "zh")).toBe("body.somethingNew");
  });
});

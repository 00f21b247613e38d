import fc from "fast-check";

// Fragments that the extractors react to, mixed with ordinary text, so that
// generated strings exercise the parsers' edge cases far more often than
// uniformly random Unicode would.
const FRAGMENTS = [
  "2016", "2019", "2025", "二〇二二", "年", "年底", "年末", "底", "末", "前", "以前", "月", "日", "6", "12", "31", "二", "十",
  "上半年", "年中", "第三季度", "季度", "每", "每年", "到", "至", "于", "在", "个月", "工作日", "内",
  "不少于", "不低于", "至少", "以上", "以内", "不超过", "%", "学时", "人", "次", "期", "两", "一至两", "每人每年",
  "《", "》", "〈", "〉", "〔", "〕", "(", ")", "[", "]", "号", "发", "令第", "呼党发", "牵头单位", "责任单位", ":", ";",
  "、", ",", "。", "和", "各", "有关部门", "市政府", "各区(市)县政府", "呼和浩特", "法治", "\n", " ",
  "年度", "中旬", "下旬", "“十三五”", "十四五", "期末", "半", "达", "提高到", "百分之", "负责", "配合", "由", "截至",
  "个工作日", "之日起", "市司法局", "包头",
];

/** Plan-like text: fragments of the genre mixed with arbitrary characters. */
export const planText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 }), fc.string({ unit: "grapheme", maxLength: 2 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));

/** Any string at all, including lone surrogates. */
export const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), planText);

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const MULTIPLIERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Characters that can make up a Chinese numeral (一 … 九, 〇/零, 两, 十 百 千 万). */
export const CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万";

/** A regex source matching one number written in Arabic digits (with decimals) or Chinese numerals. */
export const NUMBER_SOURCE = `(?:\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)`;

/**
 * Reads a number written in Arabic digits ("24", "3.5") or Chinese numerals
 * ("二十四", "两", "一百零五", and digit-by-digit years such as "二〇一六").
 * Returns null when the text is not a number.
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const chars = [...trimmed];
  if (!chars.every((c) => c in DIGITS || c in MULTIPLIERS)) return null;
  // "二〇一六": a year written digit by digit. Other runs of bare digits
  // ("三四" = three or four) are not one number.
  if (chars.length > 1 && chars.every((c) => c in DIGITS && c !== "两")) {
    if (chars.length !== 4 && !chars.some((c) => c === "〇" || c === "零")) return null;
    return Number(chars.map((c) => DIGITS[c] ?? 0).join(""));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of chars) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (digit !== null && d !== 0) return null; // two digits in a row ("三四") is not one number
      digit = d === 0 ? null : d;
      continue;
    }
    const m = MULTIPLIERS[c];
    if (m === undefined) return null;
    if (m === 10000) {
      total += (section + (digit ?? 0)) * m;
      section = 0;
    } else {
      // A bare 十 means ten ("十二" = 12).
      section += (digit ?? 1) * m;
    }
    digit = null;
  }
  return total + section + (digit ?? 0);
}

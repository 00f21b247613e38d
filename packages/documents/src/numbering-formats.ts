const DIGITS = "〇一二三四五六七八九";
const LEGAL = "零壹贰叁肆伍陆柒捌玖";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting). */
export function chineseCounting(n: number, digits = DIGITS, ten = "十", hundred = "百"): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1000) return String(n);
  if (n < 10) return n === 0 ? (digits[0] ?? "〇") : (digits[n] ?? "");
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = "";
  if (h > 0) out += `${digits[h] ?? ""}${hundred}`;
  if (t > 0) out += `${h === 0 && t === 1 ? "" : (digits[t] ?? "")}${ten}`;
  else if (h > 0 && u > 0) out += digits[0] ?? "";
  if (u > 0) out += digits[u] ?? "";
  return out;
}

function letters(n: number, upper: boolean): string {
  const base = upper ? 65 : 97;
  const letter = String.fromCharCode(base + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let rest = n;
  let out = "";
  for (const [value, symbol] of table) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** The text of list number `n` in one of Word's number formats (w:numFmt). */
export function ordinalText(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographZodiac":
      return format === "ideographZodiac" ? (EARTHLY_BRANCHES[(n - 1) % 12] ?? String(n)) : chineseCounting(n);
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chineseCounting(n, LEGAL, "拾", "佰");
    case "ideographDigital":
    case "taiwaneseDigital":
      return [...String(n)].map((d) => DIGITS[Number(d)] ?? d).join("");
    case "ideographTraditional":
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "lowerLetter":
      return letters(n, false);
    case "upperLetter":
      return letters(n, true);
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}

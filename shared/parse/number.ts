import type { CellValue } from "../model.ts";
import { fold } from "./text.ts";

/**
 * One cell's content, understood. Parsing never throws: anything unreadable becomes `invalid`
 * with the raw text kept for the message.
 */
export type Parsed =
  | { kind: "missing" }
  | { kind: "number"; value: number; decimals: number; percent: boolean; fromText: boolean }
  | { kind: "pair"; part: number; whole: number }
  | { kind: "error"; code: string }
  | { kind: "invalid"; raw: string };

export const FORMULA_ERRORS = new Set(["#DIV/0!", "#REF!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"]);

const MISSING_TEXT = new Set(["", "-", "–", "—", "_", "..", "...", "k/c", "n/a"]);
const YES = new Set(["x", "co", "yes", "true", "v", "✓", "✔", "dat", "da co"]);
const NO = new Set(["khong", "no", "false", "chua", "chua co", "k"]);
const MAX_TEXT = 256;

/** How many decimals a number format shows: "0.00%" → 2, "#,##0" → 0, "General" → null. */
const decimalsCache = new Map<string, number | null>();
export function formatDecimals(format: string | null | undefined): number | null {
  if (!format) return null;
  let d = decimalsCache.get(format);
  if (d === undefined) { d = computeFormatDecimals(format); if (decimalsCache.size < 1000) decimalsCache.set(format, d); }
  return d;
}

function computeFormatDecimals(format: string): number | null {
  if (/general/i.test(format)) return null;
  const section = format.split(";")[0] ?? "";
  const plain = section.replace(/"[^"]*"/g, "");
  // In format codes "," groups thousands and "." is always the decimal point, whatever the locale.
  const m = /\.([0#]+)/.exec(plain);
  if (m) return m[1]!.length;
  return /[0#]/.test(plain) ? 0 : null;
}

export function isPercentFormat(format: string | null | undefined): boolean {
  return !!format && format.includes("%") && /%/.test(format.replace(/"[^"]*"/g, ""));
}

/** Decimals in the shortest representation of a JS number (0.1 + 0.2 style noise trimmed). */
export function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0;
  // Scaling instead of printing: 24.07 × 100 = 2406.9999999999995 is 2 decimals, noise and all.
  const m = Math.abs(n);
  let scale = 1;
  for (let k = 1; k <= 10; k++) {
    scale *= 10;
    const x = m * scale;
    if (Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, x)) return k;
  }
  return 10;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Text with its digits in ASCII: NFKC first (full-width "１２", mathematical "𝟏𝟐"), then every
 * other decimal digit by its value. Unicode encodes each script's decimal digits as runs of ten,
 * 0 to 9 in order, so a digit's value is its distance from the start of its run, modulo ten.
 * A number typed on another keyboard is the same number, not a blank the rollup would skip.
 */
export function asciiDigits(text: string): string {
  const t = text.normalize("NFKC");
  if (!/[^\x00-\x7f]/.test(t)) return t;
  return t.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    if (cp < 0x80) return d;
    let start = cp;
    while (start > 0 && cp - start < 100 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((cp - start) % 10);
  });
}

/**
 * Vietnamese number text: "." groups thousands and "," is the decimal mark ("1.716", "24,07").
 * A lone "." followed by other than three digits is read as a decimal point, as clerks who type
 * English-style numbers mean it ("24.07").
 */
export function parseNumberText(text: string): { value: number; decimals: number } | null {
  let t = text.replace(/[\s\u00a0\u202f]/g, "");
  let sign = 1;
  if (/^[-−]/.test(t)) { sign = -1; t = t.slice(1); }
  else if (t.startsWith("+")) t = t.slice(1);
  if (!/^[0-9][0-9.,]*$/.test(t)) return null;
  const commas = (t.match(/,/g) ?? []).length;
  const dots = (t.match(/\./g) ?? []).length;
  let intPart: string;
  let fracPart = "";
  if (commas === 0 && dots === 0) intPart = t;
  else if (commas === 0) {
    // Only dots: thousands groups when every group after the first has three digits.
    if (/^[0-9]{1,3}(\.[0-9]{3})+$/.test(t)) intPart = t.replace(/\./g, "");
    else if (dots === 1) [intPart, fracPart] = t.split(".") as [string, string];
    else return null;
  } else if (commas === 1) {
    const [i, f] = t.split(",") as [string, string];
    if (dots > 0 && !/^[0-9]{1,3}(\.[0-9]{3})+$/.test(i)) return null;
    intPart = i.replace(/\./g, "");
    fracPart = f;
    if (!/^[0-9]+$/.test(f)) return null;
  } else return null;
  if (!/^[0-9]+$/.test(intPart) || (fracPart && !/^[0-9]+$/.test(fracPart))) return null;
  const value = sign * Number(`${intPart}.${fracPart || "0"}`);
  if (!Number.isFinite(value)) return null;
  return { value, decimals: fracPart.length };
}

/**
 * Reads one cell for an indicator of the given value type. `format` is the cell's Excel number
 * format; percent formats turn 0.2407 into 24.07 with the format's decimals as its precision.
 */
export function parseCell(raw: CellValue, type: "count" | "percent" | "yesno" | "grade" | "number", format?: string | null): Parsed {
  if (raw === null || raw === undefined) return { kind: "missing" };
  if (typeof raw === "object" && !(raw instanceof Date)) {
    return { kind: "error", code: String((raw as { error: unknown }).error ?? "#VALUE!").slice(0, 16) };
  }
  if (raw instanceof Date) return { kind: "invalid", raw: raw.toISOString().slice(0, 10) };
  if (typeof raw === "boolean") {
    return type === "yesno" ? { kind: "number", value: raw ? 1 : 0, decimals: 0, percent: false, fromText: false } : { kind: "invalid", raw: String(raw) };
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "invalid", raw: String(raw) };
    if (isPercentFormat(format)) {
      const d = formatDecimals(format) ?? decimalsOf(raw * 100);
      return { kind: "number", value: raw * 100, decimals: d, percent: true, fromText: false };
    }
    const fd = formatDecimals(format);
    return { kind: "number", value: raw, decimals: fd !== null && !Number.isInteger(raw) ? fd : decimalsOf(raw), percent: false, fromText: false };
  }
  const original = String(raw).trim();
  if (original.length > MAX_TEXT) return { kind: "invalid", raw: `${original.slice(0, 40)}…` };
  // Superscripts, circled numbers and fractions ("10²", "①", "½") have NFKC forms that are
  // digits, but reading "10²" as 102 would be a guess: they are refused, not normalised.
  if (/\p{No}/u.test(original)) return { kind: "invalid", raw: original.slice(0, 40) };
  const text = asciiDigits(original).trim();
  const upper = text.toUpperCase();
  if (FORMULA_ERRORS.has(upper)) return { kind: "error", code: upper };
  const folded = fold(text);
  // Blank means nothing to read: no letter, digit or symbol of any script ("十二" is not blank).
  if (MISSING_TEXT.has(text.toLowerCase()) || (folded === "" && !/[\p{L}\p{N}\p{S}\p{Co}\p{Cn}]/u.test(text))) return { kind: "missing" };
  if (type === "yesno") {
    if (YES.has(folded) || text === "1") return { kind: "number", value: 1, decimals: 0, percent: false, fromText: true };
    if (NO.has(folded) || text === "0") return { kind: "number", value: 0, decimals: 0, percent: false, fromText: true };
  }
  const pair = /^([0-9][0-9.\s]*)\s*\/\s*([0-9][0-9.\s]*)$/.exec(text);
  if (pair) {
    const p = parseNumberText(pair[1]!);
    const w = parseNumberText(pair[2]!);
    if (p && w && p.decimals === 0 && w.decimals === 0) return { kind: "pair", part: p.value, whole: w.value };
    return { kind: "invalid", raw: text };
  }
  const percent = /%\s*$/.test(text);
  const body = percent ? text.replace(/%\s*$/, "") : text;
  let n = parseNumberText(body);
  if (!n) return { kind: "invalid", raw: text };
  // A rate is at most a few hundred: "24.075" there is an English-style decimal, not 24,075.
  const dotted = /^[0-9]{1,3}\.[0-9]{3}$/.exec(body.trim());
  if (type === "percent" && dotted && n.value > 1000) n = { value: Number(body.trim()), decimals: 3 };
  return { kind: "number", value: n.value, decimals: n.decimals, percent, fromText: true };
}

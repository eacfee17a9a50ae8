import type { SheetGrid } from "../model.ts";
import { fold } from "../parse/text.ts";
import { cellText } from "./layout.ts";
import { isFooterText } from "./labels.ts";

/**
 * Reporting periods as titles and headers write them ("tháng 6/2012", "NĂM 2023", "6 tháng đầu
 * năm 2024", "Quý III/2025"), in the contract's period codes: 2023, 2012-06, 2024-H1, 2025-Q3.
 */
export interface FoundPeriod {
  period: string;
  /** The words that said it, as written, so a message can quote them. */
  text: string;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const YEAR = "((?:19|20)[0-9]{2})";

function quarter(q: string): number | null {
  const n = ROMAN[q] ?? Number(q);
  return n >= 1 && n <= 4 ? n : null;
}

/** The period a piece of text names, or null. The most specific reading wins (a month over its year). */
/** Compiled once: titles of a thousand forms are read one after another. */
const QUARTER_RE = new RegExp(`\\bquy ([0-9]|i{1,3}|iv)(?: nam)? ?/? ?${YEAR}\\b`);
const HALF_RE = new RegExp(`\\b6 thang (dau|cuoi) nam ?/? ?${YEAR}\\b`);
const HALF_WORDS_RE = new RegExp(`\\b(?:nua|sau thang) (dau|cuoi) nam ?/? ?${YEAR}\\b`);
const MONTH_RE = new RegExp(`\\bthang ([0-9]{1,2})(?: nam)? ?/? ?${YEAR}\\b`);
const YEAR_WORD_RE = new RegExp(`(?:^|\\b(?:nam|ky|den|cuoi|dau|ca nam)\\b ?)${YEAR}\\b`);
const YEAR_ONLY_RE = new RegExp(`^${YEAR}$`);

export function periodInText(text: string): FoundPeriod | null {
  if (!text || text.length > 300) return null;
  const f = fold(text);
  let m = QUARTER_RE.exec(f);
  if (m) { const q = quarter(m[1]!); if (q) return { period: `${m[2]}-Q${q}`, text }; }
  m = HALF_RE.exec(f);
  if (m) return { period: `${m[2]}-H${m[1] === "dau" ? 1 : 2}`, text };
  m = HALF_WORDS_RE.exec(f);
  if (m) return { period: `${m[2]}-H${m[1] === "dau" ? 1 : 2}`, text };
  m = MONTH_RE.exec(f);
  if (m) { const mo = Number(m[1]); if (mo >= 1 && mo <= 12) return { period: `${m[2]}-${String(mo).padStart(2, "0")}`, text }; }
  // "9 tháng", "cả năm" and plain years: the year is what can be said.
  m = YEAR_WORD_RE.exec(f) ?? YEAR_ONLY_RE.exec(f);
  if (m) return { period: m[1]!, text };
  return null;
}

/** A header part that only names a period ("Năm 2023", "Kỳ trước", 2022): not part of the indicator's name. */
export function isPeriodPart(text: string): boolean {
  const f = fold(text);
  if (/^(ky nay|ky truoc|ky bao cao|cung ky|cung ky nam truoc|nam truoc|nam nay|thuc hien)$/.test(f)) return true;
  const p = periodInText(text);
  if (!p) return false;
  // What is left after the period words is nothing but filler ("Năm 2023", "Quý III/2025", "Số liệu năm 2023").
  const rest = f.replace(/\b(quy|thang|nam|6|sau|dau|cuoi|nua|so lieu|den|ngay|ky|ca|[0-9]+|i{1,3}|iv)\b/g, "").replace(/[/%]/g, "").trim();
  return rest === "";
}

/** Relative periods ("Kỳ trước", "Cùng kỳ năm trước") as an offset from the reporting period: 0 this period, −1 earlier. */
export function relativePeriod(text: string): 0 | -1 | null {
  const f = fold(text);
  if (/^(ky nay|ky bao cao|nam nay|thuc hien)$/.test(f)) return 0;
  if (/^(ky truoc|cung ky|cung ky nam truoc|nam truoc)$/.test(f)) return -1;
  return null;
}

/** The period the title rows above `above` name ("BÁO CÁO … NĂM 2023"), then the sheet's name. */
export function titlePeriod(grid: SheetGrid, above: number): string | null {
  for (let r = 0; r < Math.min(above, 12); r++) {
    for (const v of grid.values[r] ?? []) {
      const t = cellText(v);
      if (!t || isFooterText(t)) continue;
      const p = periodInText(t);
      if (p) return p.period;
    }
  }
  return periodInText(grid.name)?.period ?? null;
}

import type { Lang } from "../model.ts";
import { earlierPeriods } from "../contract/period.ts";

const ROMAN = ["I", "II", "III", "IV"];

/**
 * A reporting period as people write it in a report's title: "Năm 2015", "6 tháng đầu năm 2024",
 * "Quý II năm 2024", "Tháng 6 năm 2024". Codes such as "2024-H1" never reach a reader.
 */
export function periodInWords(period: string, lang: Lang): string {
  const year = period.slice(0, 4);
  const rest = period.slice(5);
  if (!rest) return lang === "vi" ? `Năm ${year}` : `Year ${year}`;
  if (rest.startsWith("H")) {
    const first = rest === "H1";
    return lang === "vi" ? `6 tháng ${first ? "đầu" : "cuối"} năm ${year}` : `${first ? "First" : "Second"} half of ${year}`;
  }
  if (rest.startsWith("Q")) {
    const q = Number(rest.slice(1));
    return lang === "vi" ? `Quý ${ROMAN[q - 1]} năm ${year}` : `Q${q} ${year}`;
  }
  const m = Number(rest);
  if (lang === "vi") return `Tháng ${m} năm ${year}`;
  return `${new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${year}`;
}

/** The same words in running text ("năm 2015", "6 tháng đầu năm 2024"). */
export function periodInText(period: string, lang: Lang): string {
  const w = periodInWords(period, lang);
  return lang === "vi" ? w.charAt(0).toLowerCase() + w.slice(1) : /^(Year|First|Second)/.test(w) ? w.charAt(0).toLowerCase() + w.slice(1) : w;
}

/** The period of the same kind just before (2015 → 2014, 2024-H1 → 2023-H2). */
export function previousPeriod(period: string): string | null {
  return earlierPeriods(period, 1)[0] ?? null;
}

/** The same period a year earlier (2024-H1 → 2023-H1; for a year, the year before). */
export function yearEarlier(period: string): string | null {
  const y = Number(period.slice(0, 4)) - 1;
  if (y < 1900) return null;
  return `${y}${period.slice(4)}`;
}

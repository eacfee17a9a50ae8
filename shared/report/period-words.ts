import type { Lang } from "../model.ts";
import { periodOf, sameTimeYearBefore, shiftPeriod } from "../calendar/period.ts";

/**
 * A reporting period as people write it in a report's title: "Năm 2015", "6 tháng đầu năm 2024",
 * "Quý II năm 2024", "Tháng 6 năm 2024". Codes such as "2024-H1" never reach a reader.
 */
export function periodInWords(period: string, lang: Lang): string {
  return periodOf(period).words[lang];
}

/** The same words in running text ("năm 2015", "6 tháng đầu năm 2024"). */
export function periodInSentence(period: string, lang: Lang): string {
  return periodOf(period).inSentence[lang];
}

/** The period of the same kind just before (2015 → 2014, 2024-H1 → 2023-H2). */
export function previousPeriod(period: string): string | null {
  return shiftPeriod(periodOf(period), -1)?.code ?? null;
}

/** The same period a year earlier (2024-H1 → 2023-H1; for a year, the year before). */
export function yearEarlier(period: string): string | null {
  return sameTimeYearBefore(periodOf(period))?.code ?? null;
}

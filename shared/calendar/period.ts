/**
 * The reporting period as a value: parsed once from the code the API spells ("2024", "2024-06",
 * "2024-Q2", "2024-H1"), carrying what every module used to slice out of the string by hand.
 * Pure UTC date arithmetic; no host clock.
 */
import type { Lang } from "../model.ts";

export type PeriodKind = "year" | "half" | "quarter" | "month";

export interface ReportingPeriod {
  readonly code: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1-based index within the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  readonly index: number;
  /** First and last day, as ISO dates; the last day is the day whose units the period uses. */
  readonly firstDay: string;
  readonly lastDay: string;
  /** As a report's title writes it: "Quý II năm 2024", "6 tháng đầu năm 2024". */
  readonly words: Readonly<Record<Lang, string>>;
  /** The same in running text: "quý II năm 2024", "first half of 2024". */
  readonly inSentence: Readonly<Record<Lang, string>>;
}

const RE = /^((?:19|20)\d{2})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/;
const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };
const PER_YEAR: Record<PeriodKind, number> = { year: 1, half: 2, quarter: 4, month: 12 };
const ROMAN = ["I", "II", "III", "IV"];

// Periods are few and immutable, so one value per code is kept (a bounded set: 4 kinds × years).
const known = new Map<string, ReportingPeriod>();

/** The period a code names, or null when it names none. */
export function toPeriod(code: string): ReportingPeriod | null {
  const hit = known.get(code);
  if (hit) return hit;
  const m = RE.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const [kind, index]: [PeriodKind, number] = m[2] ? ["month", Number(m[2])] : m[3] ? ["quarter", Number(m[3])] : m[4] ? ["half", Number(m[4])] : ["year", 1];
  const p = build(code, kind, year, index);
  known.set(code, p);
  return p;
}

/** The period a code names; a code that names none is a programming error past the edge. */
export function periodOf(code: string): ReportingPeriod {
  const p = toPeriod(code);
  if (!p) throw new RangeError(`not a period: ${code}`);
  return p;
}

function codeOf(kind: PeriodKind, year: number, index: number): string {
  switch (kind) {
    case "year": return String(year);
    case "half": return `${year}-H${index}`;
    case "quarter": return `${year}-Q${index}`;
    case "month": return `${year}-${String(index).padStart(2, "0")}`;
  }
}

function build(code: string, kind: PeriodKind, year: number, index: number): ReportingPeriod {
  const span = MONTHS[kind];
  const firstDay = isoDate(new Date(Date.UTC(year, (index - 1) * span, 1)));
  const lastDay = isoDate(new Date(Date.UTC(year, index * span, 0)));
  const words = { vi: wordsVi(kind, year, index), en: wordsEn(kind, year, index) };
  const inSentence = {
    vi: words.vi.charAt(0).toLowerCase() + words.vi.slice(1),
    en: /^(Year|First|Second)/.test(words.en) ? words.en.charAt(0).toLowerCase() + words.en.slice(1) : words.en,
  };
  return Object.freeze({ code, kind, year, index, firstDay, lastDay, words, inSentence });
}

function wordsVi(kind: PeriodKind, year: number, index: number): string {
  switch (kind) {
    case "year": return `Năm ${year}`;
    case "half": return `6 tháng ${index === 1 ? "đầu" : "cuối"} năm ${year}`;
    case "quarter": return `Quý ${ROMAN[index - 1]} năm ${year}`;
    case "month": return `Tháng ${index} năm ${year}`;
  }
}

function wordsEn(kind: PeriodKind, year: number, index: number): string {
  switch (kind) {
    case "year": return `Year ${year}`;
    case "half": return `${index === 1 ? "First" : "Second"} half of ${year}`;
    case "quarter": return `Q${index} ${year}`;
    case "month": return `${new Date(Date.UTC(2000, index - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${year}`;
  }
}

/** The period `n` steps away of the same kind (negative: earlier), or null before 1900 / after 2099. */
export function shiftPeriod(p: ReportingPeriod, n: number): ReportingPeriod | null {
  const per = PER_YEAR[p.kind];
  const flat = p.year * per + (p.index - 1) + n;
  const year = Math.floor(flat / per);
  if (year < 1900 || year > 2099) return null;
  return periodOf(codeOf(p.kind, year, (flat % per) + 1));
}

/** The `n` periods of the same kind before `p`, most recent first (2024-Q1 → 2023-Q4, 2023-Q3…). */
export function periodsBefore(p: ReportingPeriod, n: number): ReportingPeriod[] {
  const out: ReportingPeriod[] = [];
  for (let k = 1; k <= n; k++) {
    const q = shiftPeriod(p, -k);
    if (!q) break;
    out.push(q);
  }
  return out;
}

/** The same period a year earlier (2024-H1 → 2023-H1). */
export function sameTimeYearBefore(p: ReportingPeriod): ReportingPeriod | null {
  return shiftPeriod(p, -PER_YEAR[p.kind]);
}

/** The first instant after the period (UTC): what a due date counts from. */
export function afterPeriod(p: ReportingPeriod): Date {
  return new Date(Date.parse(`${p.lastDay}T00:00:00Z`) + 86_400_000);
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An ISO day as Vietnamese write it: "2025-07-01" → "01/07/2025". */
export function dayMonthYear(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** `date` plus `days` (negative allowed), ISO in and out. */
export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** The period's last day, for a code already checked at the edge. */
export function periodLastDay(code: string): string {
  return periodOf(code).lastDay;
}

/** The period of `kind` that holds `day` (ISO date): today's year, half, quarter or month. */
export function periodHolding(kind: PeriodKind, day: string): ReportingPeriod {
  const year = Number(day.slice(0, 4)), month = Number(day.slice(5, 7));
  return periodOf(codeOf(kind, year, Math.ceil(month / MONTHS[kind])));
}

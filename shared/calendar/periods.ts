/**
 * Reporting periods as the API spells them: "2024" (year), "2024-06" (month), "2024-Q2"
 * (quarter), "2024-H1" (half-year). Pure date arithmetic in UTC; no host clock.
 */
export type PeriodKind = "year" | "half" | "quarter" | "month";

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** 1-based index within the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  index: number;
}

const RE = /^((?:19|20)\d{2})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/;

export function parsePeriod(period: string): PeriodParts | null {
  const m = RE.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: "month", year, index: Number(m[2]) };
  if (m[3]) return { kind: "quarter", year, index: Number(m[3]) };
  if (m[4]) return { kind: "half", year, index: Number(m[4]) };
  return { kind: "year", year, index: 1 };
}

const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };

function parts(period: string): PeriodParts {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  return p;
}

/** First day of the period, as an ISO date. */
export function periodFirstDay(period: string): string {
  const p = parts(period);
  return iso(new Date(Date.UTC(p.year, (p.index - 1) * MONTHS[p.kind], 1)));
}

/** Last day of the period, as an ISO date: the day whose units the period uses. */
export function periodLastDay(period: string): string {
  const p = parts(period);
  return iso(new Date(Date.UTC(p.year, p.index * MONTHS[p.kind], 0)));
}

export function periodKind(period: string): PeriodKind {
  return parts(period).kind;
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` plus `days` (negative allowed), ISO in and out. */
export function addDays(date: string, days: number): string {
  return iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

import { z } from "zod";
import { addDays, toPeriod, type PeriodKind } from "./period.ts";
import { LEVEL_CODES } from "../registry/levels.ts";

/**
 * The reporting calendar as data. Decree 09/2019/NĐ-CP (Article 12) fixes when state reports'
 * figures are cut off: a month's from the 15th of the month before to the 14th; a quarter's from
 * the 15th of the month before the quarter to the 14th of its last month; a half-year's
 * 15/12–14/6 and 15/6–14/12; a year's 15/12–14/12. So one number per period kind says it: the
 * day of the period's last month on which the window closes (the next window opens the day
 * after). When reports are due the decree leaves to whoever sets the report, so deadlines are
 * days after the window closes, per level, with the level below due before the level above.
 */
export const CutoffDay = z.union([z.number().int().min(1).max(28), z.literal("last")]);

export const CalendarRule = z.strictObject({
  /** Day of the period's last month on which the figures are cut off ("last" = month end). */
  cutoffDay: CutoffDay,
  /** Days after the cut-off by which a unit of each level must have reported. */
  deadlineDays: z.partialRecord(z.enum(LEVEL_CODES), z.number().int().min(0).max(120)),
});
export type CalendarRule = z.infer<typeof CalendarRule>;

const Kinds = z.enum(["month", "quarter", "half", "year"]);
const RulesByKind = z.partialRecord(Kinds, CalendarRule.partial());

const ReportKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** What one province sets differently: per period kind, and per report kind within it. */
export const ProvinceCalendar = z.strictObject({
  rules: RulesByKind.optional(),
  reports: z.record(ReportKey, RulesByKind).optional(),
});
export type ProvinceCalendar = z.infer<typeof ProvinceCalendar>;

export const ReportingCalendar = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  rules: z.strictObject({ month: CalendarRule, quarter: CalendarRule, half: CalendarRule, year: CalendarRule }),
  /** Per report kind, then per province (and report kind within it): what differs from `rules`. */
  reports: z.record(ReportKey, RulesByKind).default({}),
  provinces: z.record(z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/), ProvinceCalendar).default({}),
});
export type ReportingCalendar = z.infer<typeof ReportingCalendar>;

/** The report this product collects; other report kinds can have their own rules. */
export const DEFAULT_REPORT = "htct";

const DEADLINES = { cell: 1, village: 1, commune: 2, district: 4, province: 6 };

export const DEFAULT_CALENDAR: ReportingCalendar = ReportingCalendar.parse({
  version: "1.0.0",
  rules: {
    month: { cutoffDay: 14, deadlineDays: DEADLINES },
    quarter: { cutoffDay: 14, deadlineDays: DEADLINES },
    half: { cutoffDay: 14, deadlineDays: DEADLINES },
    year: { cutoffDay: 14, deadlineDays: DEADLINES },
  },
});

/** The rule for one province, report kind and period kind: defaults, then report, then province, then both. */
export function ruleFor(cal: ReportingCalendar, kind: PeriodKind, opts: { province?: string; report?: string } = {}): CalendarRule {
  const report = opts.report ?? DEFAULT_REPORT;
  const p = opts.province ? cal.provinces[opts.province] : undefined;
  const layers = [cal.reports[report]?.[kind], p?.rules?.[kind], p?.reports?.[report]?.[kind]];
  let rule: CalendarRule = cal.rules[kind];
  for (const l of layers) if (l) rule = { cutoffDay: l.cutoffDay ?? rule.cutoffDay, deadlineDays: { ...rule.deadlineDays, ...l.deadlineDays } };
  return rule;
}

const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };

function cutoffIn(year: number, month: number, day: "last" | number): string {
  // month is 1-based and may run past 12 or below 1; Date.UTC normalises it.
  const d = day === "last" ? new Date(Date.UTC(year, month, 0)) : new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
}

/** The period's cut-off window, ISO dates, inclusive. */
export function cutoffWindow(period: string, rule: CalendarRule): { from: string; to: string } {
  const p = toPeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const lastMonth = p.index * MONTHS[p.kind];
  const to = cutoffIn(p.year, lastMonth, rule.cutoffDay);
  const before = cutoffIn(p.year, lastMonth - MONTHS[p.kind], rule.cutoffDay);
  return { from: addDays(before, 1), to };
}

/** Vietnam's offset: a deadline day ends at midnight in Hà Nội, not in Greenwich. */
const VN_OFFSET_MS = 7 * 3_600_000;

export interface Deadline {
  /** The last day (ISO) a unit of this level may report on. */
  day: string;
  /** The first instant after that day in Vietnam time (midnight in Hà Nội): received at or after it is late. */
  at: Date;
}

/** When a unit of `level` must have reported for `period`. A level without a rule takes its nearest level's below province, else the province's. */
export function deadlineFor(cal: ReportingCalendar, period: string, level: string, opts: { province?: string; report?: string } = {}): Deadline {
  const p = toPeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  const rule = ruleFor(cal, p.kind, opts);
  const days = rule.deadlineDays[level as keyof typeof rule.deadlineDays] ?? rule.deadlineDays.province ?? 0;
  const day = addDays(cutoffWindow(period, rule).to, days);
  return { day, at: new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - VN_OFFSET_MS) };
}

export type Timeliness =
  | { status: "on_time"; daysLate: 0 }
  | { status: "late"; daysLate: number }
  /** Not received yet, and the deadline has not passed. */
  | { status: "missing"; daysLate: 0 }
  /** Not received, and the deadline has passed (by daysLate days so far). */
  | { status: "overdue"; daysLate: number };

/**
 * From the server's receipt time (never a time the client claims): on time, late by how many
 * started days, or not received (still open, or overdue).
 */
export function timeliness(receivedAt: Date | null, deadline: Deadline, now: Date): Timeliness {
  const late = (t: Date) => Math.ceil((t.getTime() - deadline.at.getTime()) / 86_400_000);
  if (receivedAt) return receivedAt < deadline.at ? { status: "on_time", daysLate: 0 } : { status: "late", daysLate: Math.max(1, late(receivedAt)) };
  return now < deadline.at ? { status: "missing", daysLate: 0 } : { status: "overdue", daysLate: Math.max(1, late(now)) };
}

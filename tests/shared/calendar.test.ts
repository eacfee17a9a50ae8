import { describe, expect, it } from "vitest";
import { cutoffWindow, deadlineFor, ReportingCalendar, ruleFor, timeliness, DEFAULT_CALENDAR } from "../../shared/index.ts";

const rule = (kind: "month" | "quarter" | "half" | "year") => ruleFor(DEFAULT_CALENDAR, kind);

describe("reporting calendar (Decree 09/2019/NĐ-CP cut-offs)", () => {
  it("cuts a month off from the 15th of the month before to the 14th", () => {
    expect(cutoffWindow("2026-03", rule("month"))).toEqual({ from: "2026-02-15", to: "2026-03-14" });
    expect(cutoffWindow("2026-01", rule("month"))).toEqual({ from: "2025-12-15", to: "2026-01-14" });
  });
  it("cuts a quarter off from the 15th of the month before it to the 14th of its last month", () => {
    expect(cutoffWindow("2026-Q1", rule("quarter"))).toEqual({ from: "2025-12-15", to: "2026-03-14" });
    expect(cutoffWindow("2026-Q3", rule("quarter"))).toEqual({ from: "2026-06-15", to: "2026-09-14" });
  });
  it("cuts half-years off 15/12–14/6 and 15/6–14/12, a year 15/12–14/12", () => {
    expect(cutoffWindow("2026-H1", rule("half"))).toEqual({ from: "2025-12-15", to: "2026-06-14" });
    expect(cutoffWindow("2026-H2", rule("half"))).toEqual({ from: "2026-06-15", to: "2026-12-14" });
    expect(cutoffWindow("2026", rule("year"))).toEqual({ from: "2025-12-15", to: "2026-12-14" });
  });

  it("a commune is due before its province; deadlines end at midnight in Vietnam", () => {
    const commune = deadlineFor(DEFAULT_CALENDAR, "2026-06", "commune");
    const province = deadlineFor(DEFAULT_CALENDAR, "2026-06", "province");
    expect(commune.day < province.day).toBe(true);
    expect(commune.day).toBe("2026-06-16");
    expect(commune.at.toISOString()).toBe("2026-06-16T17:00:00.000Z");
    expect(deadlineFor(DEFAULT_CALENDAR, "2026-06", "district").day).toBe("2026-06-18");
  });

  it("is configurable per province and per report kind, each over the defaults", () => {
    const cal = ReportingCalendar.parse({
      ...DEFAULT_CALENDAR,
      reports: { tccsd: { year: { cutoffDay: "last" } } },
      provinces: { LDG: { rules: { month: { deadlineDays: { commune: 5 } } }, reports: { tccsd: { year: { deadlineDays: { province: 30 } } } } } },
    });
    expect(deadlineFor(cal, "2026-06", "commune", { province: "LDG" }).day).toBe("2026-06-19");
    expect(deadlineFor(cal, "2026-06", "commune", { province: "LCU" }).day).toBe("2026-06-16");
    expect(cutoffWindow("2026", ruleFor(cal, "year", { report: "tccsd" }))).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(deadlineFor(cal, "2026", "province", { province: "LDG", report: "tccsd" }).day).toBe("2027-01-30");
    expect(deadlineFor(cal, "2026", "province", { province: "LDG" }).day).toBe("2026-12-20");
  });

  it("refuses malformed calendars", () => {
    expect(ReportingCalendar.safeParse({ ...DEFAULT_CALENDAR, rules: { ...DEFAULT_CALENDAR.rules, month: { cutoffDay: 31, deadlineDays: {} } } }).success).toBe(false);
    expect(ReportingCalendar.safeParse({ ...DEFAULT_CALENDAR, provinces: { "bad/code": {} } }).success).toBe(false);
    expect(ReportingCalendar.safeParse({ ...DEFAULT_CALENDAR, rules: { ...DEFAULT_CALENDAR.rules, year: { cutoffDay: 14, deadlineDays: { commune: -1 } } } }).success).toBe(false);
    expect(ReportingCalendar.safeParse({ ...DEFAULT_CALENDAR, extra: 1 }).success).toBe(false);
  });

  it("timeliness from the receipt time: on time, late by started days, not received (open, then overdue)", () => {
    const d = deadlineFor(DEFAULT_CALENDAR, "2026-06", "commune");
    expect(timeliness(new Date("2026-06-16T16:59:59Z"), d, new Date("2026-07-01Z"))).toEqual({ status: "on_time", daysLate: 0 });
    expect(timeliness(new Date("2026-06-16T17:00:00Z"), d, new Date("2026-07-01Z"))).toEqual({ status: "late", daysLate: 1 });
    expect(timeliness(new Date("2026-06-19T18:00:00Z"), d, new Date("2026-07-01Z"))).toEqual({ status: "late", daysLate: 4 });
    expect(timeliness(null, d, new Date("2026-06-10Z"))).toEqual({ status: "missing", daysLate: 0 });
    expect(timeliness(null, d, new Date("2026-06-20T00:00:00Z"))).toEqual({ status: "overdue", daysLate: 4 });
  });
});

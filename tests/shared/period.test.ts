import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { earlierPeriods } from "../../shared/contract/index.ts";
import { adxPeriod, dhis2Period } from "../../shared/contract/dhis2-mapping.ts";
import { afterPeriod, periodOf, periodsBefore, sameTimeYearBefore, shiftPeriod, toPeriod } from "../../shared/calendar/period.ts";
import { periodInSentence, periodInWords, previousPeriod, yearEarlier } from "../../shared/report/period-words.ts";

const code = fc.oneof(
  fc.integer({ min: 1900, max: 2099 }).map(String),
  fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
  fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}-H${h}`),
);

describe("earlier periods of the same kind", () => {
  it.each([
    ["2024", ["2023", "2022", "2021", "2020"]],
    ["2024-02", ["2024-01", "2023-12", "2023-11", "2023-10"]],
    ["2024-Q1", ["2023-Q4", "2023-Q3", "2023-Q2", "2023-Q1"]],
    ["2024-H2", ["2024-H1", "2023-H2", "2023-H1", "2022-H2"]],
  ])("%s", (period, expected) => {
    expect(earlierPeriods(period, 4)).toEqual(expected);
  });
  it("stops at 1900", () => {
    expect(earlierPeriods("1901-Q1", 10)).toEqual(["1900-Q4", "1900-Q3", "1900-Q2", "1900-Q1"]);
    expect(previousPeriod("1900")).toBeNull();
  });
});

describe("the period as a value", () => {
  it("parses what the API spells and nothing else", () => {
    expect(periodOf("2024-Q2")).toMatchObject({ code: "2024-Q2", kind: "quarter", year: 2024, index: 2, firstDay: "2024-04-01", lastDay: "2024-06-30" });
    expect(periodOf("2024-02").lastDay).toBe("2024-02-29");
    expect(periodOf("2025-H1")).toMatchObject({ kind: "half", firstDay: "2025-01-01", lastDay: "2025-06-30" });
    expect(periodOf("2015")).toMatchObject({ kind: "year", index: 1, firstDay: "2015-01-01", lastDay: "2015-12-31" });
    for (const bad of ["", "2024-13", "2024-Q5", "2024-H3", "2024-00", "1899", "2100", "2024-q2", " 2024", "2024-Q2 ", "24-Q2", "2024-6"]) expect(toPeriod(bad)).toBeNull();
    expect(() => periodOf("2024-Q5")).toThrow(RangeError);
  });
  it("dates what comes after the period (what a due date counts from)", () => {
    expect(afterPeriod(periodOf("2015")).toISOString()).toBe("2016-01-01T00:00:00.000Z");
    expect(afterPeriod(periodOf("2015-Q2")).toISOString()).toBe("2015-07-01T00:00:00.000Z");
    expect(afterPeriod(periodOf("2015-H2")).toISOString()).toBe("2016-01-01T00:00:00.000Z");
    expect(afterPeriod(periodOf("2015-12")).toISOString()).toBe("2016-01-01T00:00:00.000Z");
  });
  it("carries its words in Vietnamese and English", () => {
    expect(periodInWords("2024-H1", "vi")).toBe("6 tháng đầu năm 2024");
    expect(periodInSentence("2024-Q2", "vi")).toBe("quý II năm 2024");
    expect(periodInSentence("2024-H2", "en")).toBe("second half of 2024");
    expect(periodInSentence("2025-07", "en")).toBe("July 2025");
    expect(yearEarlier("2024-H1")).toBe("2023-H1");
    expect(yearEarlier("2024")).toBe("2023");
  });
  it("shifts and comes back (property)", () => {
    fc.assert(fc.property(code, fc.integer({ min: -300, max: 300 }), (c, n) => {
      const p = periodOf(c);
      const q = shiftPeriod(p, n);
      if (q === null) return;
      expect(q.kind).toBe(p.kind);
      expect(shiftPeriod(q, -n)).toBe(p);
      if (n > 0) expect(q.firstDay > p.lastDay).toBe(true);
    }));
  });
  it("lists earlier periods that tile the calendar back to back (property)", () => {
    fc.assert(fc.property(code, fc.integer({ min: 1, max: 8 }), (c, n) => {
      const list = [periodOf(c), ...periodsBefore(periodOf(c), n)];
      for (let i = 1; i < list.length; i++) expect(afterPeriod(list[i]!).toISOString().slice(0, 10)).toBe(list[i - 1]!.firstDay);
      const y = sameTimeYearBefore(periodOf(c));
      if (y) expect(y.index === periodOf(c).index && y.year === periodOf(c).year - 1).toBe(true);
    }));
  });
  it("writes DHIS2 and ADX periods", () => {
    expect(["2015", "2015-06", "2015-Q2", "2015-H1", "2015-H2"].map(dhis2Period)).toEqual(["2015", "201506", "2015Q2", "2015S1", "2015S2"]);
    expect(["2015", "2015-06", "2015-Q2", "2015-H2"].map(adxPeriod)).toEqual(["2015-01-01/P1Y", "2015-06-01/P1M", "2015-04-01/P3M", "2015-07-01/P6M"]);
  });
});

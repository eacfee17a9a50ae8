import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPeriod, parsePeriodInput } from "../../shared/index.ts";

describe("periods as clerks type them", () => {
  it.each([
    ["6/2012", "2012-06"], ["06/2012", "2012-06"], ["6-2012", "2012-06"], ["T6/2012", "2012-06"], ["tháng 6/2012", "2012-06"],
    ["Tháng 6 năm 2012", "2012-06"], ["12/2024", "2024-12"],
    ["Quý II/2024", "2024-Q2"], ["quý 2 năm 2024", "2024-Q2"], ["Q2/2024", "2024-Q2"], ["QUÝ IV/2025", "2025-Q4"], ["Quy II/2024", "2024-Q2"],
    ["6 tháng đầu năm 2024", "2024-H1"], ["6 tháng cuối năm 2024", "2024-H2"], ["Sáu tháng đầu năm 2024", "2024-H1"],
    ["Năm 2023", "2023"], ["2023", "2023"], [" năm  2023 ", "2023"],
    ["2024-06", "2024-06"], ["2024-Q2", "2024-Q2"], ["2024-h1", "2024-H1"],
  ])("%j → %s", (typed, code) => {
    expect(parsePeriodInput(typed)).toBe(code);
  });

  it.each(["13/2012", "0/2012", "Quý V/2024", "6/12", "2012/6", "tháng sáu", "Báo cáo 6/2012 của huyện", "", "   ", "2024-13", "=6/2012", "6/2012".repeat(20), "1899"])("refuses %j", (typed) => {
    expect(parsePeriodInput(typed)).toBeNull();
  });

  // The pane in English shows periods in English words, and reads them back.
  it.each([
    ["June 2012", "2012-06"], ["Jun 2012", "2012-06"], ["jun. 2012", "2012-06"], ["September/2021", "2021-09"],
    ["Q2 2024", "2024-Q2"], ["First half of 2024", "2024-H1"], ["second half 2024", "2024-H2"], ["H1 2024", "2024-H1"], ["Year 2024", "2024"],
  ])("English %j → %s", (typed, code) => {
    expect(parsePeriodInput(typed)).toBe(code);
  });

  it.each(["Junx 2012", "mayday 2020", "June", "third half of 2024"])("refuses the English %j", (typed) => {
    expect(parsePeriodInput(typed)).toBeNull();
  });

  it("answers a valid code or null for any input, never throws", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      const p = parsePeriodInput(s);
      expect(p === null || toPeriod(p) !== null).toBe(true);
    }));
  });
});

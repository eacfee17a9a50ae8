import { describe, expect, it } from "vitest";
import { aggregate, asText, csvField, csvLine, getCatalog, isFormulaLeading, layoutRollup, ROLLUP_SHEET, withoutTextMark, type OrgUnit } from "../../shared/index.ts";
import { scorecard } from "../../shared/quality/scorecard.ts";
import { layoutScorecard } from "../../shared/quality/scorecard-layout.ts";
import { writeRollupSheet } from "../../addin/src/excel/rollup-sheet.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

const HOSTILE = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3+cmd|'/C calc'!A0", " =1+1", "\t=1", "\r=1", "＝1+1", "＠SUM(A1)"];

describe("formula-leading text", () => {
  it("is recognised in every form and marked as text, reversibly", () => {
    for (const s of HOSTILE) {
      expect(isFormulaLeading(s), JSON.stringify(s)).toBe(true);
      expect(asText(s)).toBe(`'${s}`);
      expect(withoutTextMark(asText(s))).toBe(s);
    }
    for (const s of ["Xã mẫu 01", "-5", "+3", "24,07%", "'quoted", ""]) expect(asText(s), s).toBe(s);
  });
  it("is neutralised and quoted in CSV fields", () => {
    expect(csvField('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvField("@SUM(1)")).toBe("'@SUM(1)");
    expect(csvField(-5)).toBe("-5");
    expect(csvLine(["a,b", "c\nd", null, 3])).toBe('"a,b","c\nd",,3');
  });
});

describe("the rollup sheet", () => {
  const registry: OrgUnit[] = syntheticProvince("FML", 3, 2).map((u, i) => (u.level === "district" ? { ...u, name: HOSTILE[i % HOSTILE.length]! } : u));
  const values = new Map<string, Record<string, Record<string, number>>>([["FML-D01", { "FML-D01-M01": { "members.total": 10 } }], ["FML-D02", { "FML-D02-M01": { "members.total": 12 } }]]);
  const targets = HOSTILE.slice(0, 3).map((src, i) => ({ id: `=T${i}`, indicator: "members.total", op: "=" as const, value: 10, source: { vi: src, en: src }, scope: "FML", year: 2015 }));
  const rollup = rollupFrom({ registry, province: "FML", period: "2015", values, targets });

  it("lays out no text a spreadsheet would evaluate", () => {
    const l = layoutRollup(rollup, "vi");
    const cells = [l.title, l.groups.map((g) => g.label), l.header, ...l.rows, l.total, ...l.comparisons.map((c) => c.values), l.targets.header, ...l.targets.rows].flat();
    const bad = cells.filter((c) => typeof c === "string" && isFormulaLeading(c));
    expect(bad).toEqual([]);
    expect(cells).toContain(`'${HOSTILE[1]}`);
  });
  it("is written into Excel with no formula in any cell, and the text as it was", async () => {
    const wb = new FakeWorkbook();
    const host = new FakeExcelHost(wb, { excelApi: "1.18" });
    await writeRollupSheet(host.run, rollup, "vi");
    const sheet = wb.sheet(ROLLUP_SHEET)!;
    const formulas = [...sheet.entries()].filter(([, , c]) => c.formula);
    expect(formulas.map(([r, c, cell]) => `${r},${c}: ${cell.formula}`)).toEqual([]);
    const texts = [...sheet.entries()].map(([, , c]) => c.value);
    expect(texts).toContain(HOSTILE[1]);
    expect(texts).toContain("Tổng số đảng viên: bằng 10 người");
  });
});

describe("text Excel would turn into a number or a date", () => {
  it("is marked for cells (not for CSV), once, and reversibly", async () => {
    const { asCellText } = await import("../../shared/index.ts");
    for (const s of ["3/5", "1-2", "6/2012", "1/2/24", "1,234", "12%", "1E5", "TRUE", "42"]) {
      expect(asCellText(s), s).toBe(`'${s}`);
      expect(asCellText(asCellText(s)), s).toBe(`'${s}`);
      expect(withoutTextMark(asCellText(s))).toBe(s);
      expect(asText(s), s).toBe(s);
    }
    for (const s of ["Xã mẫu 01", "52/53 thôn", "Quý II/2024", "", "."]) expect(asCellText(s), s).toBe(s);
  });
});

describe("the data-quality sheet", () => {
  it("lays out no text a spreadsheet would evaluate, whatever the registry names a unit", () => {
    const catalog = getCatalog();
    const units = HOSTILE.slice(0, 4).map((name, d) => {
      const records = [0, 1].map((i) => ({ unit: `FML-D0${d}-M0${i}`, unitId: `FML-D0${d}-M0${i}`, level: "commune" as const, values: communeValues(d * 10 + i) }));
      const values = aggregate(records, catalog);
      return { unit: `FML-D0${d}`, name, status: "on_time" as const, submitted: true, communesExpected: 2, communesReported: 2, records, values, history: [values, values, values] };
    });
    const sc = scorecard({ province: "FML", period: "2015", units, provinceValues: {}, provinceHistory: [] });
    const l = layoutScorecard(sc, "vi", { provinceName: HOSTILE[0] });
    const cells = [...l.title, ...l.header, ...l.rows.flat(), ...l.summary];
    expect(cells.filter((c) => typeof c === "string" && isFormulaLeading(c))).toEqual([]);
    expect(cells).toContain(`'${HOSTILE[1]}`);
  });
});

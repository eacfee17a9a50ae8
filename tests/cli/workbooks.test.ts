import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { aggregateTable, compileValidator, getCatalog, readSheet } from "../../shared/index.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TOTALS } from "../../seeds/data.ts";

const catalog = getCatalog();
const file = (name: string) => fileURLToPath(new URL(`../../seeds/workbooks/${name}`, import.meta.url));

async function readWorkbook(name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file(name));
  const ws = wb.worksheets.find((w) => w.name !== "Nguồn")!;
  const read = readSheet(worksheetGrid(ws), { catalog, registry: REGISTRY });
  const issues = [...read.issues, ...compileValidator(catalog)(read.table)];
  return { read, issues, totals: aggregateTable(read.table, catalog) };
}

/** Report 000's district figures, as the rollup of the communes must give them. */
const REPORT = {
  ...HAM_TAN_TOTALS,
  "cadres.all.in_post": 391,
};
const REPORT_RATES: Record<string, [number, number]> = {
  "cadres.ft.fill_rate": [94.55, 2], "cadres.cs.fill_rate": [90.15, 2], "cadres.pt.fill_rate": [80.77, 2],
  "cadres.ft.cm_trungcap_rate": [54.8, 1], "cadres.ft.cm_daihoc_rate": [12.5, 1], "cadres.ft.llct_trungcap_rate": [64.42, 2],
  "cadres.ft.llct_caocap_rate": [2.88, 2], "cadres.ft.women_rate": [23.08, 2], "cadres.cs.cm_trungcap_rate": [80.67, 2],
  "cadres.cs.cm_caodang_daihoc_rate": [18.49, 2], "cadres.cs.llct_trungcap_rate": [26.05, 2], "cadres.cs.women_rate": [42.86, 2],
  "cadres.pt.cm_trungcap_rate": [34.52, 2], "cadres.pt.cm_caodang_daihoc_rate": [7.74, 2], "cadres.pt.llct_trungcap_rate": [17.86, 2],
  "cadres.pt.llct_socap_rate": [13.69, 2], "massorg.membership_rate": [71.13, 2], "massorg.core_rate": [3.85, 2],
  "democracy.cultural_households_rate": [85.2, 1], "members.httnv_rate": [48, 0], "members.violation_rate": [1.3, 1],
  "government.kha_or_better_rate": [100, 0],
};

describe("Hàm Tân sample workbooks", () => {
  for (const name of ["ham-tan-2012-06.xlsx", "ham-tan-khong-dau.xlsx", "ham-tan-tieu-de-gop.xlsx", "ham-tan-so-dang-chu.xlsx"]) {
    it(`${name}: its communes roll up to the report's district figures, with no errors`, async () => {
      const { read, issues, totals } = await readWorkbook(name);
      expect(read.scope).toBe("BTH-HTN");
      expect(read.units.filter((u) => !u.isTotal && u.unitId).length).toBe(10);
      for (const [code, value] of Object.entries(REPORT)) {
        if (read.table.values.has(code) || code === "cadres.all.in_post") expect(totals[code], code).toBe(value);
      }
      expect(Object.keys(REPORT).filter((c) => read.table.values.has(c)).length).toBeGreaterThan(15);
      for (const [code, [value, d]] of Object.entries(REPORT_RATES)) {
        if (totals[code] === undefined) continue;
        expect(Math.round(totals[code]! * 10 ** d) / 10 ** d, code).toBeCloseTo(value, 6);
      }
      expect(issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([]);
      expect(issues.filter((i) => i.severity === "warning").map((i) => i.message)).toEqual([]);
    });
  }

  it("ham-tan-tong-sai.xlsx: the wrong total, the misspelled and duplicated communes, the #DIV/0! and the impossible count are flagged", async () => {
    const { issues } = await readWorkbook("ham-tan-tong-sai.xlsx");
    const rules = new Set(issues.map((i) => i.rule));
    for (const r of ["total_sum_range", "unit_misspelled", "unit_duplicate", "formula_error"]) expect(rules, r).toContain(r);
    expect(rules.has("parts_le_whole") || rules.has("part_le_whole")).toBe(true);
    // The total row's SUM stops at row 13: one issue for every column it puts wrong, not one each.
    const totals = issues.filter((i) => i.rule === "total_sum_range" || i.rule === "total_row");
    expect(totals).toHaveLength(1);
    expect(totals[0]!.unit).toBe("Toàn huyện");
    expect(totals[0]!.indicators).toContain("members.total");
    expect(totals[0]!.message).toMatch(/chỉ cộng đến dòng 13, bỏ sót dòng 14/);
  });

  it("lai-chau-2019.xlsx: the province's 44,09% is flagged, its 24,07% is not", async () => {
    const { issues, totals } = await readWorkbook("lai-chau-2019.xlsx");
    expect(totals["members.total"]).toBe(17852);
    expect(totals["party.cells"]).toBe(1716);
    const grim = issues.filter((i) => i.rule.startsWith("rate_"));
    expect(grim.map((i) => i.indicators[0])).toEqual(["grades.cells.tsvm_rate"]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { a1, type Issue } from "../../shared/index.ts";
import { FakeExcelHost, FakeWorkbook, snapshot, type FakeFill } from "./fake-excel/index.ts";

/**
 * annotate → (annotate again) → clear gives back the workbook it started from, in values, fills
 * and notes, whatever the sheet and the issues: random grids with random clerk fills (white and
 * patterned ones included where the host can tell them apart) and notes, random issues pointing
 * anywhere, including outside the data and at sheets that do not exist.
 */
const PATTERNS = ["Solid", "Gray50", "LightUp", "CrissCross"];
const colour = fc.constantFrom("#FFFFFF", "#FF0000", "#D9E1F2", "#FFC7CE", "#FFEB9C", "#000000", "#70AD47");

const fillArb = (patterns: boolean): fc.Arbitrary<FakeFill | null> =>
  fc.option(fc.record({ color: patterns ? colour : colour.filter((c) => c !== "#FFFFFF"), pattern: patterns ? fc.constantFrom(...PATTERNS) : fc.constant("Solid") }), { nil: null });

const cellArb = (patterns: boolean) => fc.record({
  value: fc.oneof(fc.constant(""), fc.integer({ min: -5, max: 5000 }), fc.string({ maxLength: 12 }).filter((s) => !s.startsWith("'")), fc.boolean()),
  fill: fillArb(patterns),
  note: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }),
});

const sheetArb = (patterns: boolean) => fc.record({
  rows: fc.integer({ min: 1, max: 12 }),
  cols: fc.integer({ min: 1, max: 6 }),
  cells: fc.array(cellArb(patterns), { minLength: 72, maxLength: 72 }),
});

const issueArb = fc.record({
  severity: fc.constantFrom("error", "warning", "info") as fc.Arbitrary<Issue["severity"]>,
  rule: fc.constantFrom("part_le_whole", "negative", "unit_unknown"),
  sheet: fc.constantFrom("Dữ liệu", "Dữ liệu", "Dữ liệu", "Không có"),
  cells: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 15 })).map(([c, r]) => a1(c, r)), { maxLength: 3 }),
  unit: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
  indicators: fc.constant([] as string[]),
  message: fc.string({ minLength: 1, maxLength: 40 }),
  hint: fc.string({ maxLength: 20 }),
});

function build(sheet: { rows: number; cols: number; cells: { value: string | number | boolean; fill: FakeFill | null; note: string | null }[] }, withNotes: boolean): FakeWorkbook {
  const wb = new FakeWorkbook();
  const s = wb.add("Dữ liệu");
  wb.add("Khác").cell(0, 0).value = "x";
  for (let r = 0; r < sheet.rows; r++) {
    for (let c = 0; c < sheet.cols; c++) {
      const src = sheet.cells[r * 6 + c]!;
      const cell = s.cell(r, c);
      cell.value = src.value;
      cell.fill = src.fill;
      cell.note = withNotes ? src.note : null;
      s.tidy(r, c);
    }
  }
  return wb;
}

describe.each([
  { api: "1.18", patterns: true, notes: true },
  { api: "1.9", patterns: true, notes: true },
  { api: "1.2", patterns: false, notes: false },
])("annotate → clear round trip (ExcelApi $api)", ({ api, patterns, notes }) => {
  it("restores values, fills and notes exactly", async () => {
    await fc.assert(
      fc.asyncProperty(sheetArb(patterns), fc.array(issueArb, { maxLength: 8 }), fc.option(fc.array(issueArb, { maxLength: 8 }), { nil: null }), async (sheet, first, second) => {
        // Notes on a 1.9 host exist in the file even though the add-in cannot touch them.
        const wb = build(sheet, notes || api === "1.9");
        const before = snapshot(wb);
        const host = new FakeExcelHost(wb, { excelApi: api });
        const adapter = new ExcelAdapter(host.run, capabilities(host.office));
        const typed = (cells: Record<string, { value: unknown; formula: string | null }>) =>
          JSON.stringify(Object.entries(cells).filter(([, c]) => c.value !== "" || c.formula).map(([k, c]) => [k, c.value, c.formula]));
        const values = typed(before["Dữ liệu"]!.cells);
        await adapter.annotate(first, "vi");
        if (second) await adapter.annotate(second, "en");
        const during = snapshot(wb)["Dữ liệu"]!;
        expect(typed(during.cells)).toBe(values);
        await adapter.clear();
        expect(snapshot(wb)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});

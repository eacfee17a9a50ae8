import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../cli/check.ts";
import { openBook } from "../../cli/workbook-file.ts";
import { fileOf, registryOf } from "../fixtures/clerk-forms/generate.ts";
import { measure, totals, type Score } from "../fixtures/clerk-forms/measure.ts";
import { SPECS } from "../fixtures/clerk-forms/specs.ts";

/**
 * Twelve workbooks in forms clerks keep (tests/fixtures/clerk-forms, written by its generate.ts:
 * two tables on a sheet, TCVN3 and VNI text, formulas saved without results, district subtotals,
 * "x"/"-" by the sheet's legend, group headers, .xls, .ods, merged headers, notes under the table,
 * "Toàn Đảng bộ"), read from the committed files as `htct validate` reads them: every planted
 * problem flagged for its reason, no consistent cell flagged, every column mapped as a reader would.
 */
const scores = new Map<string, Score>();
const scoreOf = async (file: string) => {
  let s = scores.get(file);
  if (!s) { s = await measure(SPECS.find((x) => x.file === file)!); scores.set(file, s); }
  return s;
};

describe.each(SPECS.map((s) => [s.file, s.what] as const))("%s (%s)", (file) => {
  it("flags each planted problem for its reason", async () => {
    expect((await scoreOf(file)).missed).toEqual([]);
  });
  it("flags no consistent cell, and says nothing of the whole sheet without a cause", async () => {
    expect((await scoreOf(file)).alarms).toEqual([]);
  });
  it("maps every column (or row) to the indicator a reader takes it for", async () => {
    expect((await scoreOf(file)).wrongMaps).toEqual([]);
  });
});

describe("the set as a whole", () => {
  it("22 of 22 planted problems, no false alarm in 241 consistent cells, 62 of 62 columns mapped", async () => {
    const all: Score[] = [];
    for (const s of SPECS) all.push(await scoreOf(s.file));
    expect(totals(all)).toEqual({ workbooks: 12, found: 22, planted: 22, falseAlarms: 0, sheetAlarms: 0, consistent: 241, mapped: 62, columns: 62 });
  });

  it("says what it did to read them: the legacy encodings converted, the formulas computed", async () => {
    const said = async (file: string) => {
      const spec = SPECS.find((s) => s.file === file)!;
      return checkWorkbook(await openBook(fileOf(spec)), { registry: registryOf(spec), targets: [], lang: "vi" }).issues;
    };
    expect((await said("02-tcvn3.xlsx")).find((i) => i.rule === "legacy_encoding")?.message).toMatch(/^Tệp dùng bảng mã TCVN3/);
    expect((await said("03-vni-bieu-mot-don-vi.xlsx")).find((i) => i.rule === "legacy_encoding")?.message).toMatch(/VNI-Windows/);
    const computed = (await said("04-cong-thuc-khong-ket-qua.xlsx")).find((i) => i.rule === "formula_computed");
    expect(computed?.cells).toEqual(["D3", "D4", "D5", "D6", "D7", "D8", "B9", "C9", "D9"]);
  });
});

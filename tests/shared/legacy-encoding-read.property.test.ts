import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheets, validateReads, type SheetGrid } from "../../shared/index.ts";
import { looksLegacy, toTcvn3, toVni } from "../../shared/parse/legacy-encoding.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

const catalog = getCatalog();
const validate = compileValidator(catalog);

async function seedGrid(name: string): Promise<SheetGrid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fileURLToPath(new URL(`../../seeds/workbooks/${name}`, import.meta.url)));
  return worksheetGrid(wb.worksheets.find((w) => w.name !== "Nguồn")!);
}

function issuesOf(grid: SheetGrid): string[] {
  const reads = readSheets([grid], { catalog, registry: REGISTRY });
  return validateReads(reads, () => validate).flat().filter((i) => i.rule !== "legacy_encoding").map((i) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.indicators.join(",")}`);
}

/** The sheet with the chosen text cells re-typed in a legacy font's encoding. */
function encoded(grid: SheetGrid, pick: (r: number, c: number) => boolean, enc: (s: string) => string): SheetGrid {
  return { ...grid, values: grid.values.map((row, r) => row.map((v, c) => (typeof v === "string" && pick(r, c) ? enc(v) : v))) };
}

describe("a sheet and its TCVN3 or VNI form give the same issues", () => {
  for (const seed of ["ham-tan-tong-sai.xlsx", "ham-tan-2012-06.xlsx"]) {
    it(`${seed}: every text cell in TCVN3, then in VNI`, async () => {
      const grid = await seedGrid(seed);
      const want = issuesOf(grid);
      if (seed === "ham-tan-tong-sai.xlsx") expect(want.length).toBeGreaterThan(0);
      for (const enc of [toTcvn3, toVni]) {
        const legacy = encoded(grid, () => true, enc);
        expect(legacy.values).not.toEqual(grid.values);
        expect(issuesOf(legacy)).toEqual(want);
        const reads = readSheets([legacy], { catalog, registry: REGISTRY });
        const note = reads[0]!.issues.find((i) => i.rule === "legacy_encoding");
        expect(note?.severity).toBe("info");
        expect(note?.message).toMatch(enc === toTcvn3 ? /^Tệp dùng bảng mã TCVN3; đã đọc theo Unicode/ : /VNI-Windows/);
      }
      // The clerk's own cells are untouched.
      expect(grid.values.flat().some((v) => typeof v === "string" && /[ộổảạ]/.test(v))).toBe(true);
    });
  }

  // On a sheet that mixes Unicode and TCVN3, a TCVN3 cell with only letters Vietnamese also uses
  // ("Tèt") cannot be told from Unicode by its bytes; those are left as typed, so the mix here
  // re-types only the cells whose TCVN3 form shows the pattern.
  it("any mix of Unicode cells and TCVN3 cells that show the pattern reads like the Unicode sheet (property)", async () => {
    const grid = await seedGrid("ham-tan-tong-sai.xlsx");
    const want = issuesOf(grid);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (s) => {
        const pick = (r: number, c: number) => ((r * 31 + c * 17 + s) >>> 0) % 3 !== 0 && looksLegacy(toTcvn3(String(grid.values[r]![c])));
        expect(issuesOf(encoded(grid, pick, toTcvn3))).toEqual(want);
      }),
      { numRuns: 8 },
    );
  });

  it("a Unicode sheet gets no encoding note", async () => {
    const reads = readSheets([await seedGrid("ham-tan-2012-06.xlsx")], { catalog, registry: REGISTRY });
    expect(reads[0]!.issues.some((i) => i.rule === "legacy_encoding")).toBe(false);
  });
});

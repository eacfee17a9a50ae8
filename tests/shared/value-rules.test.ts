import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getCatalog, parseCell, tableFromRecords, validateTable, MAX_ABS_VALUE } from "../../shared/index.ts";
import { sameCellValue } from "../../shared/contract/index.ts";

const catalog = getCatalog();
function errorsFor(values: Record<string, number | string>) {
  const { table, issues } = tableFromRecords([{ unit: "Xã mẫu 01", unitId: "X01", level: "commune", values }], catalog);
  return [...issues, ...validateTable(table, catalog)].filter((i) => i.severity === "error").map((i) => i.rule);
}

describe("one bound for every form of a value", () => {
  it.each([
    ["a JSON number", 1e13],
    ["digits as text", "10000000000000"],
    ["Vietnamese thousands", "10.000.000.000.000"],
    ["two hundred nines", "9".repeat(200)],
    ["above 2^53", "9007199254740993"],
  ])("refuses %s above the limit", (_label, v) => {
    expect(errorsFor({ "poverty.escaped": v })).toContain("out_of_bounds");
  });
  it("bounds indicators that may be negative too", () => {
    const signed = catalog.indicators.find((i) => i.type === "number" && i.kind === "input" && i.bounds?.min === undefined);
    if (signed) expect(errorsFor({ [signed.code]: "-10000000000000" })).toContain("out_of_bounds");
    expect(errorsFor({ "poverty.escaped": "-10000000000000" })).toContain("negative");
  });
  it("accepts the limit itself, however it is written", () => {
    expect(MAX_ABS_VALUE).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(errorsFor({ "poverty.escaped": MAX_ABS_VALUE })).toEqual([]);
    expect(errorsFor({ "poverty.escaped": "1.000.000.000.000" })).toEqual([]);
  });
  it("keeps the integer rule for counts written as text", () => {
    expect(errorsFor({ "poverty.escaped": "12,5" })).toContain("not_integer");
  });
});

describe("digits of other scripts", () => {
  it.each([
    ["full-width", "１２", 12],
    ["Arabic-Indic", "١٢", 12],
    ["Extended Arabic-Indic", "۱۲", 12],
    ["Devanagari", "१२", 12],
    ["mathematical bold", "𝟏𝟐", 12],
    ["full-width with Vietnamese grouping", "１．７１６", 1716],
  ])("reads %s digits as the number they are", (_label, text, value) => {
    expect(parseCell(text, "count")).toMatchObject({ kind: "number", value });
  });
  it("never takes text with letters or numbers of any script for a blank", () => {
    for (const t of ["十二", "٣x", "Ⅻ", "🙂", "\u{E000}", "10²", "①②", "½", "1⁄2"]) expect(parseCell(t, "count").kind, t).toBe("invalid");
    for (const t of ["-", "…", "  ", "—"]) expect(parseCell(t, "count").kind, t).toBe("missing");
  });
  it("the validator counts full-width digits as the value, so the rollup cannot miss them", () => {
    const { table, issues } = tableFromRecords([{ unit: "Xã mẫu 01", unitId: "X01", level: "commune", values: { "members.total": "１２" } }], catalog);
    expect(issues).toEqual([]);
    expect(table.values.get("members.total")![0]).toBe(12);
  });
});

describe("values compared by what they mean", () => {
  const same = sameCellValue(catalog);
  it("treats forms of one number as equal and different numbers as different", () => {
    expect(same("members.total", "1.716", 1716)).toBe(true);
    expect(same("members.total", "１７１６", 1716)).toBe(true);
    expect(same("members.total", 20, 21)).toBe(false);
    expect(same("org.schools.with_cell_rate", "24,07%", 24.07)).toBe(true);
    expect(same("members.total", null, "-")).toBe(true);
    expect(same("members.total", null, 0)).toBe(false);
    expect(same("members.total", "mười", "mười")).toBe(true);
    expect(same("members.total", "mười", "mươi")).toBe(false);
  });

  it("two numbers are one value exactly when they are equal, for every indicator type (the merge's fast path)", () => {
    const codes = [...new Set(catalog.indicators.map((i) => i.type))].map((t) => catalog.indicators.find((i) => i.type === t)!.code);
    const num = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, 1, 2, Number.NaN, Infinity, -Infinity));
    fc.assert(fc.property(fc.constantFrom(...codes), num, num, (code, a, b) => {
      expect(same(code, a, b)).toBe(a === b || (Number.isNaN(a) && Number.isNaN(b)));
      // The same number written as text parses to the same value.
      if (Number.isSafeInteger(a) && a >= 0 && catalog.byCode.get(code)!.type === "count") expect(same(code, String(a), a)).toBe(true);
    }), { numRuns: 3000 });
    expect(same("not.in.catalog", Number.NaN, Number.NaN)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileValidator, getCatalog, periodInText, readSheet, type CellValue } from "../../shared/index.ts";
import { formulaRefs, shiftForDeletedRow } from "../../shared/parse/formula-refs.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * What no clerk meant to type: the reader, the layout classifier, the period reader and the
 * preview's formula shifter take any cell, however long or strange, and answer with issues or
 * nothing — never an exception, never a hang.
 */
const catalog = getCatalog();
const validate = compileValidator(catalog);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.string({ maxLength: 40 }),
  fc.constantFrom("I.", "- Trong đó: nữ", "Tỷ lệ (%)", "Năm 2023", "Kỳ trước", "Toàn huyện", "Xã Sơn Mỹ", "=SUM(A1:A3)", "#DIV/0!", "__proto__", "constructor", "52/53", "1.716", "24,07%", "Người lập biểu", "Quý IV/2025"),
  fc.constant({ error: "#REF!" }),
);

describe("hostile sheets", () => {
  it("any grid is read and validated without throwing, whatever it is classified as", () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 }), fc.array(fc.nat(30), { maxLength: 5 }), fc.array(fc.nat(10), { maxLength: 3 }), (values, hiddenRows, hiddenColumns) => {
      const read = readSheet({ name: "S", values, hiddenRows, hiddenColumns }, { catalog, registry: REGISTRY });
      expect(["units", "transposed", "form", "none"]).toContain(read.kind);
      const issues = validate(read.table, { history: read.history });
      for (const i of [...read.issues, ...issues]) expect(typeof i.message).toBe("string");
    }), { numRuns: 300 });
  });

  it("oversized cells and labels cost no more than their length, and come back as plain issues", () => {
    const huge = "Tổng số đảng viên ".repeat(5000);
    const values: CellValue[][] = [
      ["BÁO CÁO ".repeat(2000)],
      ["STT", "Chỉ tiêu", "Số lượng"],
      [1, huge, 10],
      [2, "Số chi bộ trực thuộc", "x".repeat(100_000)],
      [3, "Chi bộ đạt TSVM", 5],
      [4, "Tổng số đảng viên", 300],
    ];
    const t = performance.now();
    const read = readSheet({ name: "S", values }, { catalog, registry: REGISTRY });
    expect(performance.now() - t).toBeLessThan(5000);
    const bad = read.issues.find((i) => i.rule === "invalid_value");
    expect(bad?.message.length ?? 0).toBeLessThan(400);
  });

  it("periods are read from any text without throwing, and only real periods come back", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      const p = periodInText(s);
      if (p) expect(p.period).toMatch(/^(19|20)\d{2}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/);
    }), { numRuns: 500 });
    expect(periodInText("tháng 13/2024")?.period).not.toBe("2024-13");
    expect(periodInText("Quý V/2025")?.period).not.toBe("2025-Q5");
  });

  it("the preview's formula shifter keeps any text a formula of the same shape", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.nat(2000), (f, row) => {
      const out = shiftForDeletedRow(`=${f}`, { formulaSheet: "S", sheet: "S", row: row + 1 });
      expect(out.startsWith("=")).toBe(true);
      formulaRefs(out);
    }), { numRuns: 500 });
    // Long runs of what looks like references and quotes answer quickly.
    const t0 = performance.now();
    shiftForDeletedRow(`=${"'a''b'!A1:B2+".repeat(5000)}${'"'.repeat(3001)}${"A1".repeat(20_000)}`, { formulaSheet: "S", sheet: "a'b", row: 1 });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
